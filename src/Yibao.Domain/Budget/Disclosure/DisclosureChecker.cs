using Yibao.Domain.Budget.Classification;

namespace Yibao.Domain.Budget.Disclosure;

/// <summary>Runs every rule of the catalog over a parsed disclosure.</summary>
public static class DisclosureChecker
{
    public static IReadOnlyList<Finding> Check(DisclosureDocument document, ClassificationCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var findings = new List<Finding>();
        TableRules.Run(document, findings);
        NarrativeRules.Run(document, findings);
        DocumentRules.Run(document, findings, catalog ?? ClassificationCatalog.Default);
        PurposeRules.Run(document, catalog ?? ClassificationCatalog.Default, findings);
        return findings
            .Distinct()
            .OrderBy(f => f.Severity)
            .ThenBy(f => f.Rule, StringComparer.Ordinal)
            .ToList();
    }

    public static IReadOnlyList<Finding> Check(string name, string text, ClassificationCatalog? catalog = null) =>
        Check(DisclosureParser.Parse(name, text), catalog);
}
