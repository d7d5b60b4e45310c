namespace Yibao.Domain.Budget.Disclosure;

/// <summary>预算（部门/单位预算公开）或决算（决算公开）。</summary>
public enum DisclosurePhase
{
    Budget,
    FinalAccounts,
}

/// <summary>金额或比率的单位。</summary>
public enum FigureUnit
{
    Yuan,
    WanYuan,
    YiYuan,
    Percent,
}

/// <summary>叙述中一个数字的角色：本年数、对比的上年（或预算）数、增减额。</summary>
public enum FigureKind
{
    Level,
    Prior,
    Change,
    ChangePercent,
    Share,
    Plain,
}

/// <summary>A number found in a sentence, with its unit, role and the words before it.</summary>
public sealed record Figure(decimal Value, FigureUnit Unit, FigureKind Kind, int Sign, int Start, int End, string Label, int Decimals)
{
    public bool IsMoney => Unit is FigureUnit.Yuan or FigureUnit.WanYuan or FigureUnit.YiYuan;

    /// <summary>Value in 万元 (money only).</summary>
    public decimal InWan => Unit switch
    {
        FigureUnit.Yuan => Value / 10000m,
        FigureUnit.YiYuan => Value * 10000m,
        _ => Value,
    };

    /// <summary>Half a unit of the printed precision, in 万元 (273.08万元 → 0.005; 2473860元 → 0.00005): the exact value lies within ± this.</summary>
    public decimal HalfUnitWan => Unit switch
    {
        FigureUnit.Yuan => BudgetArithmetic.HalfUnit(Decimals) / 10000m,
        FigureUnit.YiYuan => BudgetArithmetic.HalfUnit(Decimals) * 10000m,
        _ => BudgetArithmetic.HalfUnit(Decimals),
    };

    /// <summary>Signed value for changes (减少 → negative).</summary>
    public decimal SignedWan => Sign < 0 ? -InWan : InWan;
}

/// <summary>A sentence of the narrative (split at 。！？), with its source line and section heading.</summary>
public sealed record NarrativeSentence(string Text, int Line, string Section, IReadOnlyList<Figure> Figures)
{
    public string Location => string.IsNullOrEmpty(Section) ? $"第{Line}行" : $"第{Line}行（{Section}）";
}

/// <summary>A paragraph of narrative text (a heading or a body paragraph).</summary>
public sealed record NarrativeParagraph(string Text, int Line, bool IsHeading, string Section);

/// <summary>A table as rows of cell strings, with the unit detected for it (元 or 万元).</summary>
public sealed record DisclosureTable(int Number, string Title, FigureUnit Unit, bool UnitDetected, int Line, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<int> RowLines)
{
    public int ColumnCount => Rows.Count == 0 ? 0 : Rows.Max(r => r.Count);

    public string Cell(int row, int col) => row < Rows.Count && col < Rows[row].Count ? Rows[row][col] : "";

    public string Name => string.IsNullOrWhiteSpace(Title) ? $"表格{Number}" : Title;

    public string LocationOf(int row, int col = -1) =>
        col < 0 ? $"《{Name}》第{row + 1}行（原文第{RowLines[row]}行）"
                : $"《{Name}》第{row + 1}行第{col + 1}列（原文第{RowLines[row]}行）";
}

/// <summary>The document model built from extracted text: narrative paragraphs and sentences with located figures, and tables.</summary>
public sealed record DisclosureDocument(
    string Name,
    string Title,
    int Year,
    DisclosurePhase Phase,
    IReadOnlyList<NarrativeParagraph> Paragraphs,
    IReadOnlyList<NarrativeSentence> Sentences,
    IReadOnlyList<DisclosureTable> Tables,
    string FullText);
