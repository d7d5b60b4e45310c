using System.Text.RegularExpressions;
using Yibao.Domain.Budget.Classification;

namespace Yibao.Domain.Budget.Disclosure;

/// <summary>A kind of spending recognised in a written purpose (“主要用于…”) by its words.</summary>
public sealed record PurposeCategory(string Id, string Name, IReadOnlyList<string> Keywords);

/// <summary>
/// What a group of accounts may be used for: accounts are recognised by their 款/项 name (the same 项 name, such as
/// 行政运行, recurs under every 款) or by a 类/款 code prefix; <see cref="Unfit"/> lists the purpose categories that belong elsewhere.
/// </summary>
public sealed record AccountPurpose(string Group, string Fits, IReadOnlyList<string> NamePatterns, IReadOnlyList<string> CodePrefixes, IReadOnlyList<string> Unfit);

/// <summary>
/// TXT-PURPOSE: the purpose written for an account must fit that account (项目 wording under 行政运行, 救助 under 行政运行,
/// 人员/办公 under a fund subsidy account …). The map is data: categories of purpose words and, per account group, the
/// categories that do not belong. Conservative: a 警告, only when a word of an unfit category is present.
/// </summary>
public static partial class PurposeRules
{
    public static IReadOnlyList<PurposeCategory> Categories { get; } =
    [
        new("personnel", "人员经费（工资福利、社会保险缴费）", ["工资", "津贴", "津补贴", "奖金", "绩效奖励", "基本养老保险缴费", "职业年金", "在职人员", "人员经费", "人员支出", "离退休费", "退休费"]),
        new("office", "日常公用经费（办公、运转）", ["办公费", "办公用房", "办公经费", "水电费", "物业管理", "差旅费", "印刷费", "邮电费", "日常运转", "日常运行", "正常运转", "公用经费", "日常维修", "取暖费"]),
        new("project", "项目支出（专项、建设）", ["专项经费", "专项资金", "专项工作", "项目支出", "项目经费", "建设项目", "信息化建设", "系统建设", "平台建设", "工程建设", "基本建设", "系统开发"]),
        new("relief", "医疗救助（资助参保、救助困难群众）", ["医疗救助", "救助对象", "资助参保", "资助困难", "特困人员", "救助资金", "困难群众"]),
        new("subsidy", "对社会保险基金的补助", ["基金的补助", "基金补助", "补助基金", "财政补助资金", "参保补助", "缴费补助", "缴费补贴"]),
        new("staffmedical", "单位职工医疗（医疗保险缴费、公务员医疗补助）", ["医疗保险缴费", "医疗保险单位缴费", "公务员医疗补助", "职工医疗"]),
        new("housing", "住房公积金、住房补贴", ["住房公积金", "提租补贴", "购房补贴"]),
    ];

    public static IReadOnlyList<AccountPurpose> Accounts { get; } =
    [
        new("运行类科目", "机构运转所需的人员经费和日常公用经费", ["行政运行", "事业运行", "机关服务"], [], ["project", "relief", "subsidy"]),
        new("事务类（项目）科目", "为完成特定工作任务安排的项目支出", ["一般行政管理事务", "经办事务", "政策管理", "信息化建设"], [], ["personnel", "relief", "subsidy"]),
        new("对基金的补助科目", "财政对社会保险基金的补助", ["基金的补助", "基金补助"], ["21012", "20827"], ["personnel", "office", "project", "relief"]),
        new("医疗救助科目", "对救助对象的医疗救助（资助参保、直接救助）", ["医疗救助", "疾病应急救助"], ["21013"], ["personnel", "office"]),
        new("行政事业单位医疗科目", "本单位职工的医疗保险缴费和公务员医疗补助", ["行政单位医疗", "事业单位医疗", "公务员医疗补助"], ["21011"], ["office", "project", "relief", "subsidy"]),
        new("行政事业单位养老科目", "本单位职工的基本养老保险和职业年金缴费、离退休支出", ["基本养老保险缴费支出", "职业年金缴费支出"], ["20805"], ["office", "project", "relief", "subsidy"]),
        new("住房改革科目", "住房公积金、提租补贴、购房补贴", ["住房公积金", "提租补贴", "购房补贴"], ["22102"], ["office", "project", "relief", "subsidy"]),
        new("机关运行经费", "行政单位（含参公事业单位）购买货物和服务的公用经费", ["机关运行经费"], [], ["personnel", "relief", "subsidy"]),
    ];

    public static void Run(DisclosureDocument doc, ClassificationCatalog catalog, List<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(findings);
        var names = catalog.Entries.Where(e => e.Kind == ClassificationKind.Function && e.Code.Length >= 5).Select(e => e.Name)
            .Concat(["机关运行经费"]).Distinct(StringComparer.Ordinal).OrderByDescending(n => n.Length).ToList();
        for (int i = 0; i < doc.Sentences.Count; i++)
        {
            var s = doc.Sentences[i];
            if (NarrativeRules.IsGlossary(s))
            {
                continue;
            }
            var use = Use().Match(s.Text);
            if (!use.Success || Definition().IsMatch(s.Text[..use.Index]))
            {
                continue;
            }
            var before = s.Text[..use.Index];
            var account = Account(before, names, catalog, doc.Year);
            if (account is null && before.Trim().Length <= 4 && i > 0)
            {
                // “…（2101401）2024 年预算 5.00 万元。主要用于…”: the account is named in the sentence before
                account = Account(doc.Sentences[i - 1].Text, names, catalog, doc.Year);
            }
            if (account is null)
            {
                continue;
            }
            var purpose = s.Text[(use.Index + use.Length)..];
            int stop = purpose.IndexOfAny(['；', ';']);
            if (stop >= 0)
            {
                purpose = purpose[..stop];
            }
            var (name, code) = account.Value;
            var group = Accounts.FirstOrDefault(a => a.NamePatterns.Any(p => name.Contains(p, StringComparison.Ordinal))
                                                     || (code.Length > 0 && a.CodePrefixes.Any(p => code.StartsWith(p, StringComparison.Ordinal))));
            if (group is null || name.StartsWith("其他", StringComparison.Ordinal))
            {
                continue;
            }
            var hits = Categories.Where(c => group.Unfit.Contains(c.Id))
                .Select(c => (Category: c, Words: c.Keywords.Where(k => purpose.Contains(k, StringComparison.Ordinal)).ToList()))
                .Where(x => x.Words.Count > 0).ToList();
            // a fund subsidy account named with 补助 must not trip on its own name; the account's own words are not a misfit
            hits = hits.Select(h => (h.Category, Words: h.Words.Where(w => !name.Contains(w, StringComparison.Ordinal)).ToList())).Where(h => h.Words.Count > 0).ToList();
            if (hits.Count == 0)
            {
                continue;
            }
            var label = code.Length > 0 ? $"{name}（{code}）" : name;
            var words = string.Join("、", hits.SelectMany(h => h.Words).Distinct().Select(w => $"“{w}”"));
            var kinds = string.Join("、", hits.Select(h => h.Category.Name));
            findings.Add(new Finding(RuleCatalog.TextPurpose.Id, FindingSeverity.Warning,
                $"“{label}”属{group.Group}，应用于{group.Fits}；文中用途写有{words}，属{kinds}，应列入其他科目",
                group.Fits, Snip(purpose), null, s.Location));
        }
    }

    private static string Snip(string purpose)
    {
        var p = purpose.Trim().TrimEnd('。');
        return p.Length > 40 ? p[..40] + "…" : p;
    }

    /// <summary>The account named last before the purpose: a code with its catalog name, or a catalog 款/项 name.</summary>
    private static (string Name, string Code)? Account(string text, List<string> names, ClassificationCatalog catalog, int year)
    {
        var codes = Code().Matches(text);
        if (codes.Count > 0)
        {
            var code = codes[^1].Groups["c"].Value;
            var entry = catalog.Find(ClassificationKind.Function, code, year) ?? (catalog.AllVersions(ClassificationKind.Function, code) is { Count: > 0 } all ? all[^1] : null);
            if (entry is not null)
            {
                return (entry.Name, code);
            }
            // a code the catalog does not hold: take the name written before it
            var before = text[..codes[^1].Index];
            var n = names.Where(x => before.Contains(x, StringComparison.Ordinal)).OrderByDescending(x => before.LastIndexOf(x, StringComparison.Ordinal) + x.Length).ThenByDescending(x => x.Length).FirstOrDefault();
            return n is null ? null : (n, code);
        }
        string? best = null;
        int bestEnd = -1;
        foreach (var n in names)
        {
            int p = text.LastIndexOf(n, StringComparison.Ordinal);
            if (p >= 0 && (p + n.Length > bestEnd || (p + n.Length == bestEnd && n.Length > best!.Length)))
            {
                best = n;
                bestEnd = p + n.Length;
            }
        }
        return best is null ? null : (best, "");
    }

    [GeneratedRegex(@"主要用于[:：]?|资金用于|用于[:：]?")]
    private static partial Regex Use();

    /// <summary>Definitions (“…是指…用于…”, “…：指…”) say what an account is for, not what this unit spent.</summary>
    [GeneratedRegex(@"(是|：|:|，|,|^)\s*指(?!标)|是用于|反映")]
    private static partial Regex Definition();

    [GeneratedRegex(@"(?<![\d.])(?<c>2\d{4}(?:\d{2})?)(?![\d.])(?!\s*(?:元|万|%|年))")]
    private static partial Regex Code();
}
