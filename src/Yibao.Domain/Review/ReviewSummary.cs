namespace Yibao.Domain.Review;

/// <summary>One row of a flag summary: how many flags, encounters, lines and how much (元).</summary>
public sealed record ReviewSummaryRow(string Key, string Name, ReviewResultType? Result, int Flags, int Encounters, int Lines, decimal Amount);

/// <summary>
/// Summaries of a run's flags — per rule (what a reviewer sees when testing a draft rule over a period) and per
/// institution. Amounts are the sums of the flags' amounts; a line flagged by two rules counts in both rules.
/// </summary>
public static class ReviewSummary
{
    /// <summary>Per rule, in the order of first appearance of the rule in <paramref name="ruleOrder"/> (or by id).</summary>
    public static IReadOnlyList<ReviewSummaryRow> ByRule(IEnumerable<ReviewFlag> flags, IReadOnlyList<ReviewRule>? ruleOrder = null)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < (ruleOrder?.Count ?? 0); i++)
        {
            order.TryAdd(ruleOrder![i].Id, i);
        }

        return [.. flags.GroupBy(f => f.RuleId, StringComparer.Ordinal)
            .Select(g => new ReviewSummaryRow(g.Key, g.First().RuleName, g.First().Result, g.Count(),
                g.Select(f => f.Encounter).Distinct().Count(), g.SelectMany(f => f.Lines).Distinct().Count(), g.Sum(f => f.Amount)))
            .OrderBy(r => order.GetValueOrDefault(r.Key, int.MaxValue)).ThenBy(r => r.Key, StringComparer.Ordinal)];
    }

    /// <summary>Per institution (the batch's institution number of each flag's encounter), largest amount first.</summary>
    public static IReadOnlyList<ReviewSummaryRow> ByInstitution(IEnumerable<ReviewFlag> flags, ReviewBatch batch, Func<int, string>? institutionName = null)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(batch);
        return [.. flags.GroupBy(f => batch.InstitutionOfEncounter(f.Encounter))
            .Select(g => new ReviewSummaryRow(g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture),
                institutionName?.Invoke(g.Key) ?? g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), null, g.Count(),
                g.Select(f => f.Encounter).Distinct().Count(), g.SelectMany(f => f.Lines).Distinct().Count(), g.Sum(f => f.Amount)))
            .OrderByDescending(r => r.Amount).ThenBy(r => r.Key, StringComparer.Ordinal)];
    }
}
