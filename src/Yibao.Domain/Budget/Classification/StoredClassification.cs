namespace Yibao.Domain.Budget.Classification;

/// <summary>
/// 导入的政府收支分类科目 (table budget_classifications): one code of one year's catalog, imported from CSV/XLSX
/// (docs/formats/budget-classification.md). A year and kind that has imported rows replaces the shipped catalog for that kind.
/// </summary>
public class StoredClassification
{
    public long Id { get; set; }

    public int Year { get; set; }

    public ClassificationKind Kind { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>上级编码.</summary>
    public string? ParentCode { get; set; }

    /// <summary>对应政府经济分类 (部门经济分类 only).</summary>
    public string? GovEconomicCode { get; set; }

    public DateTime ImportedAtUtc { get; set; }

    public string ImportedBy { get; set; } = "";

    public ClassificationRow ToRow() => new(Year, Kind, Code, Name, ParentCode, GovEconomicCode);
}
