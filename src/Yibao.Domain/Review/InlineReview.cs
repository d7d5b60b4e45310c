using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Settlement;

namespace Yibao.Domain.Review;

/// <summary>The person as the 事中 check needs them: gender, birth and death dates, coverage periods (参保期, inclusive).</summary>
public sealed record ReviewPerson(Gender Gender, DateOnly BirthDate, DateOnly? DeathDate, IReadOnlyList<(DateOnly From, DateOnly To)> Coverage);

/// <summary>
/// One encounter for the 事中 check: the encounter being settled or one of the person's recent ones (history).
/// <see cref="SupplyDays"/> (days of supply per line, same order as <see cref="Lines"/>) is optional and only used by 超量开药.
/// </summary>
public sealed record ReviewEncounter
{
    /// <summary>定点医药机构 id (any stable number; 同一时间两地 and 分解住院 compare it).</summary>
    public required long InstitutionId { get; init; }

    public InstitutionLevel InstitutionLevel { get; init; } = InstitutionLevel.First;

    public InstitutionType InstitutionType { get; init; } = InstitutionType.Hospital;

    public required VisitType VisitType { get; init; }

    /// <summary>险种 insutype.</summary>
    public required string Insutype { get; init; }

    public required DateOnly AdmissionDate { get; init; }

    public DateOnly DischargeDate { get; init; }

    /// <summary>Diagnoses, main first.</summary>
    public IReadOnlyList<string> Diagnoses { get; init; } = [];

    public required IReadOnlyList<FeeLine> Lines { get; init; }

    public IReadOnlyList<int>? SupplyDays { get; init; }
}

/// <summary>A 明确 finding on a line of the encounter being settled: the line becomes 全自费 with this reason.</summary>
public sealed record InlineDeduction(int Line, string RuleId, decimal Amount, string Reason);

/// <summary>A 可疑 finding: recorded and returned as a warning (lines are indexes into the current encounter's lines).</summary>
public sealed record InlineWarning(string RuleId, int[] Lines, decimal Amount, string Message);

/// <summary>The answer of a 事中 check.</summary>
public sealed record InlineReviewResult(IReadOnlyList<InlineDeduction> Deductions, IReadOnlyList<InlineWarning> Warnings, IReadOnlyList<ReviewFlag> Flags)
{
    public bool IsClean => Deductions.Count == 0 && Warnings.Count == 0;
}

/// <summary>
/// 事中审核 (the 3101 analysis before settlement): one encounter (≤ a few hundred lines) against the enabled 事中 rules,
/// with the person's recent history for window rules (频次, 疗程, 超量开药, 分解住院, 同一时间两地).
/// Build once per rule-set version and share: <see cref="Check"/> is thread-safe and does not modify the code table.
/// </summary>
public sealed class InlineReviewer
{
    private readonly CodeTable _items = new();
    private readonly ReviewEngine _engine;
    private readonly Dictionary<string, int> _ruleOrder = new(StringComparer.Ordinal);

    public InlineReviewer(ReviewRuleSet set)
    {
        _engine = ReviewEngine.ForStage(set, ReviewStage.During, _items);
        var rules = _engine.Rules;
        for (var i = 0; i < rules.Count; i++)
        {
            _ruleOrder[rules[i].Id] = i;
        }
    }

    public ReviewEngine Engine => _engine;

    /// <summary>
    /// Checks <paramref name="current"/>; <paramref name="history"/> are the person's earlier encounters (e.g. the last
    /// 12 months), which are evaluated only as context: a finding is returned when it involves a line of the current
    /// encounter. Each line appears at most once among the deductions (the first 明确 rule in rule-set order wins).
    /// </summary>
    public InlineReviewResult Check(ReviewPerson person, ReviewEncounter current, IReadOnlyList<ReviewEncounter>? history = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(current);
        history ??= [];
        var lineCount = current.Lines.Count;
        foreach (var h in history)
        {
            lineCount += h.Lines.Count;
        }

        var builder = new ReviewBatchBuilder(_items, null, Math.Max(16, lineCount), history.Count + 1, 1, readOnlyItems: true);
        builder.AddPerson(person.Gender, person.BirthDate, person.DeathDate, [.. person.Coverage]);
        Add(builder, current);
        foreach (var h in history)
        {
            Add(builder, h);
        }

        var flags = _engine.Evaluate(builder.Build());
        var n = current.Lines.Count;
        var ruleOrder = _ruleOrder;
        var relevant = flags.Where(f => f.Lines.Any(l => l < n) || (f.Encounter == 0 && f.Lines.Length == 0))
            .OrderBy(f => ruleOrder[f.RuleId]).ThenBy(f => f.Lines.Length == 0 ? -1 : f.Lines[0]).ToList();
        var deductions = new List<InlineDeduction>();
        var taken = new bool[n];
        var warnings = new List<InlineWarning>();
        foreach (var f in relevant)
        {
            var mine = f.Lines.Where(l => l < n).ToArray();
            var message = $"{f.RuleName}：{f.Reason}（{f.Parameter}）";
            if (f.Result == ReviewResultType.Definite && mine.Length > 0)
            {
                // The flag amount is spread over the current lines in proportion to their amounts (last line takes the rest).
                var share = ShareOf(f, mine, current);
                for (var k = 0; k < mine.Length; k++)
                {
                    if (!taken[mine[k]])
                    {
                        taken[mine[k]] = true;
                        deductions.Add(new InlineDeduction(mine[k], f.RuleId, share[k], message));
                    }
                }
            }
            else
            {
                warnings.Add(new InlineWarning(f.RuleId, mine, f.Amount, message));
            }
        }

        deductions.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new InlineReviewResult(deductions, warnings, relevant);
    }

    private static decimal[] ShareOf(ReviewFlag f, int[] mine, ReviewEncounter current)
    {
        var all = 0m;
        foreach (var l in f.Lines)
        {
            all += l < current.Lines.Count ? current.Lines[l].Amount : 0m;
        }

        var res = new decimal[mine.Length];
        if (mine.Length == f.Lines.Length && all > 0m)
        {
            var left = f.Amount;
            for (var k = 0; k < mine.Length; k++)
            {
                res[k] = k == mine.Length - 1
                    ? Math.Min(left, current.Lines[mine[k]].Amount)
                    : Math.Min(left, decimal.Round(f.Amount * current.Lines[mine[k]].Amount / all, 2, MidpointRounding.AwayFromZero));
                left -= res[k];
            }
        }
        else
        {
            // Part of the evidence is history: the current lines are deducted in full up to the flag amount.
            var left = f.Amount;
            for (var k = 0; k < mine.Length; k++)
            {
                res[k] = Math.Min(left, current.Lines[mine[k]].Amount);
                left -= res[k];
            }
        }

        return res;
    }

    private static void Add(ReviewBatchBuilder b, ReviewEncounter e)
    {
        var discharge = e.DischargeDate == default ? e.AdmissionDate : e.DischargeDate;
        var idx = b.AddEncounter(0, (int)(e.InstitutionId % int.MaxValue), e.InstitutionLevel, e.InstitutionType, e.VisitType, e.Insutype,
            e.AdmissionDate, discharge, [.. e.Diagnoses]);
        for (var i = 0; i < e.Lines.Count; i++)
        {
            var l = e.Lines[i];
            var date = l.Date == default ? e.AdmissionDate : l.Date;
            b.AddLine(idx, l.ItemCode, date, l.Quantity, l.UnitPrice, l.Amount, e.SupplyDays is { } sd && i < sd.Count ? sd[i] : 0);
        }
    }
}
