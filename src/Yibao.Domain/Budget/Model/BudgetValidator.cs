using System.Globalization;
using Yibao.Domain.Budget.Classification;
using Yibao.Domain.Budget.Disclosure;

namespace Yibao.Domain.Budget.Model;

/// <summary>
/// 预算编制校验：对结构化预算运行规则目录（<see cref="RuleCatalog"/>）。数值判定与公开检查共用
/// <see cref="BudgetArithmetic"/>，所以同一组数在编制和检查中得到同样的结论。金额以万元报告（与公开文本一致）。
/// </summary>
public static class BudgetValidator
{
    private const string Wan = "万元";

    private static readonly string[] Level1Names = ["产出指标", "效益指标", "满意度指标", "成本指标"];

    private static readonly string[] Level2Names =
    [
        "数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
        "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标",
    ];

    private static readonly string[] SanGongParts = ["sangong.abroad", "sangong.vehicle", "sangong.reception"];

    private static readonly string[] ProcurementParts = ["procurement.goods", "procurement.works", "procurement.services"];

    private static readonly string[] Operators = ["≥", "≤", "=", ">", "<", ""];

    public static IReadOnlyList<Finding> Validate(DepartmentBudget budget, ClassificationCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(budget);
        catalog ??= ClassificationCatalog.Default;
        var findings = new List<Finding>();
        var computed = BudgetFigures.Compute(budget);
        Lines(budget, catalog, findings);
        NameChecks(budget, catalog, findings);
        Balance(budget, computed, findings);
        Stated(budget, computed, findings);
        if (budget.Prior is not null)
        {
            Hierarchy(budget.Prior.Figures, "上年数", findings);
        }
        Reasons(budget, computed, findings);
        Targets(budget, findings);
        Other(budget, computed, findings);
        Workflow(budget, findings);
        return findings.Distinct()
            .OrderBy(f => f.Severity)
            .ThenBy(f => f.Rule, StringComparer.Ordinal)
            .ToList();
    }

    internal static decimal W(decimal yuan) => yuan / 10000m;

    private static string At(int i) => string.Create(CultureInfo.InvariantCulture, $"预算明细第{i + 1}行");

    private static void Lines(DepartmentBudget b, ClassificationCatalog catalog, List<Finding> findings)
    {
        var projectIds = b.Projects.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < b.Lines.Count; i++)
        {
            var l = b.Lines[i];
            var at = At(i);
            void Bad(string message, FindingSeverity severity = FindingSeverity.Error) =>
                findings.Add(new Finding(RuleCatalog.BudgetLine.Id, severity, message, null, null, null, at));
            if (l.Amount < 0)
            {
                Bad($"金额：不能为负数（{BudgetArithmetic.Format(l.Amount, "元")}）");
            }
            if (l.Type == ExpenseType.Basic && l.Kind is null)
            {
                Bad("人员/公用：基本支出须注明人员经费或公用经费");
            }
            if (l.Type == ExpenseType.Project)
            {
                if (l.ProjectId is null)
                {
                    Bad("项目编号：项目支出须注明所属项目");
                }
                else if (!projectIds.Contains(l.ProjectId))
                {
                    Bad($"项目编号：项目“{l.ProjectId}”未在项目清单中登记");
                }
            }
            if (l.Type == ExpenseType.Basic && l.Kind == BasicKind.Personnel && l.DeptEconomicCode.StartsWith("302", StringComparison.Ordinal))
            {
                Bad($"人员/公用：商品和服务支出（{l.DeptEconomicCode}）列为人员经费", FindingSeverity.Warning);
            }
            if (l.Type == ExpenseType.Basic && l.Kind == BasicKind.Public && l.DeptEconomicCode.StartsWith("301", StringComparison.Ordinal))
            {
                Bad($"人员/公用：工资福利支出（{l.DeptEconomicCode}）列为公用经费", FindingSeverity.Warning);
            }
            Code(b, catalog, ClassificationKind.Function, l.FunctionCode, 7, "功能分类科目", at, findings, seen);
            Code(b, catalog, ClassificationKind.DepartmentEconomic, l.DeptEconomicCode, 5, "部门经济分类科目", at, findings, seen);
            Code(b, catalog, ClassificationKind.GovernmentEconomic, l.GovEconomicCode, 5, "政府经济分类科目", at, findings, seen);
            if (l.DeptEconomicCode.Length >= 3 && l.GovEconomicCode.Length >= 3 && !EconomicMapOk(l.DeptEconomicCode[..3], l.GovEconomicCode[..3]))
            {
                findings.Add(new Finding(RuleCatalog.BudgetEconomicMap.Id, FindingSeverity.Warning,
                    $"部门经济分类 {l.DeptEconomicCode} 与政府经济分类 {l.GovEconomicCode} 不对应", ExpectedGov(l.DeptEconomicCode[..3]), l.GovEconomicCode, null, at));
            }
            else if (catalog.GovernmentCodeFor(l.DeptEconomicCode) is string mapped && !string.Equals(mapped, l.GovEconomicCode, StringComparison.Ordinal)
                     && !(mapped.Length == 3 && l.GovEconomicCode.StartsWith(mapped, StringComparison.Ordinal)))
            {
                findings.Add(new Finding(RuleCatalog.BudgetEconomicMap.Id, FindingSeverity.Warning,
                    $"部门经济分类 {l.DeptEconomicCode} 在本年度科目表中对应政府经济分类 {mapped}，填写为 {l.GovEconomicCode}", mapped, l.GovEconomicCode, null, at));
            }
        }
        var withLines = b.Lines.Where(l => l.ProjectId is not null).Select(l => l.ProjectId!).ToHashSet(StringComparer.Ordinal);
        foreach (var p in b.Projects.Where(p => !withLines.Contains(p.Id)))
        {
            findings.Add(new Finding(RuleCatalog.BudgetLine.Id, FindingSeverity.Warning, $"项目“{p.Name}”没有预算明细（金额为 0）", null, null, null, $"项目 {p.Id}"));
        }
    }

    private static string ExpectedGov(string dept) => dept switch
    {
        "301" => "501 或 505",
        "302" => "502 或 505",
        "303" => "509",
        "310" => "503、504 或 506",
        "312" => "507 或 508",
        _ => "—",
    };

    /// <summary>部门经济分类（类）与政府经济分类（类）的对应关系（财预〔2017〕98号）。</summary>
    public static bool EconomicMapOk(string dept, string gov) => dept switch
    {
        "301" => gov is "501" or "505",
        "302" => gov is "502" or "505",
        "303" => gov is "509",
        "307" => gov is "511",
        "309" => gov is "503" or "506",
        "310" => gov is "503" or "504" or "506",
        "311" => gov is "507" or "508",
        "312" => gov is "507" or "508",
        "313" => gov is "510",
        "399" => gov is "599" or "514",
        _ => true,
    };

    private static void Code(DepartmentBudget b, ClassificationCatalog catalog, ClassificationKind kind, string code, int length, string what, string at, List<Finding> findings, HashSet<string> seen)
    {
        if (code.Length != length || !code.All(char.IsAsciiDigit))
        {
            findings.Add(new Finding(RuleCatalog.BudgetLine.Id, FindingSeverity.Error,
                string.Create(CultureInfo.InvariantCulture, $"{what}：编码应为 {length} 位数字，实为“{code}”"), null, code, null, at));
            return;
        }
        if (!seen.Add(kind + code))
        {
            return;
        }
        var entry = catalog.Find(kind, code, b.Year);
        if (entry is null)
        {
            if (catalog.AllVersions(kind, code).Count > 0)
            {
                findings.Add(new Finding(RuleCatalog.ClassCode.Id, FindingSeverity.Error,
                    string.Create(CultureInfo.InvariantCulture, $"{what}：编码 {code} 在 {b.Year} 年度科目表中无效（只在其他年度有效）"), null, code, null, at));
            }
            else if (catalog.IsKnownAbsent(kind, code, b.Year))
            {
                findings.Add(new Finding(RuleCatalog.ClassCode.Id, FindingSeverity.Error,
                    string.Create(CultureInfo.InvariantCulture, $"{what}：编码 {code} 在 {b.Year} 年度科目表中不存在"), null, code, null, at));
            }
            else if (!b.Names.ContainsKey(NameKey(kind, code)))
            {
                findings.Add(new Finding(RuleCatalog.ClassCode.Id, FindingSeverity.Info,
                    $"{what}：编码 {code} 未收录在内置科目表中，请在 names 中填写名称或导入完整科目表", null, code, null, at));
            }
            return;
        }
    }

    private static void NameChecks(DepartmentBudget b, ClassificationCatalog catalog, List<Finding> findings)
    {
        foreach (var (key, name) in b.Names.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            ClassificationKind? kind = colon < 0 ? null : key[..colon] switch
            {
                "F" => ClassificationKind.Function,
                "E" => ClassificationKind.DepartmentEconomic,
                "G" => ClassificationKind.GovernmentEconomic,
                _ => null,
            };
            if (kind is not ClassificationKind k)
            {
                continue;
            }
            var code = key[(colon + 1)..];
            var match = catalog.MatchName(k, code, name, b.Year, out var expected);
            if (match is not NameMatch.Exact)
            {
                findings.Add(new Finding(match == NameMatch.Outdated ? RuleCatalog.ClassOutdated.Id : RuleCatalog.ClassName.Id,
                    match == NameMatch.OtherCode ? FindingSeverity.Error : FindingSeverity.Warning,
                    $"科目名称：编码 {code} 在 {b.Year.ToString(CultureInfo.InvariantCulture)} 年的名称为“{expected?.Name}”，填写为“{name}”", expected?.Name, name, null, "names." + key));
            }
        }
    }

    /// <summary>Key of a code in <see cref="DepartmentBudget.Names"/>: F:/E:/G: + code.</summary>
    public static string NameKey(ClassificationKind kind, string code) => kind switch
    {
        ClassificationKind.Function => "F:" + code,
        ClassificationKind.DepartmentEconomic => "E:" + code,
        ClassificationKind.GovernmentEconomic => "G:" + code,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static void Balance(DepartmentBudget b, Dictionary<string, decimal> c, List<Finding> findings)
    {
        Add(findings, BudgetArithmetic.CheckSum(RuleCatalog.TableBalance, "收入合计", W(c["revenue"]), [("支出合计", W(c["expense"]))], Wan, "收支平衡"));
        foreach (var source in Enum.GetValues<FundingSource>())
        {
            var rev = b.Revenue.Where(r => r.Source == source).Sum(r => r.Amount);
            var exp = b.Lines.Where(l => l.Source == source).Sum(l => l.Amount);
            if (rev != exp)
            {
                Add(findings, BudgetArithmetic.CheckSum(RuleCatalog.BudgetSource, source.Chinese() + "收入", W(rev), [(source.Chinese() + "安排的支出", W(exp))], Wan, "收入与支出按资金来源"));
            }
        }
    }

    private static void Add(List<Finding> findings, Finding? f)
    {
        if (f is not null)
        {
            findings.Add(f);
        }
    }

    private static decimal? Get(IReadOnlyDictionary<string, decimal> d, string key) => d.TryGetValue(key, out var v) ? v : null;

    /// <summary>
    /// Stated figures (as published elsewhere) against the lines, and among themselves, with the checker's rules:
    /// TXT-TABLE (stated vs computed), SUM-BASIC, SUM-EXPENSE, SUM-SANGONG, SUM-PROCUREMENT, SUM-PARTS, TXT-DIFF, TXT-PCT.
    /// </summary>
    private static void Stated(DepartmentBudget b, Dictionary<string, decimal> computed, List<Finding> findings)
    {
        var stated = b.Stated;
        if (stated.Count == 0)
        {
            return;
        }
        foreach (var (key, value) in stated.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            if (key.StartsWith("change:", StringComparison.Ordinal) || key.StartsWith("pct:", StringComparison.Ordinal))
            {
                continue;
            }
            if (key.StartsWith("prior:", StringComparison.Ordinal))
            {
                var k = key[6..];
                if (b.Prior?[k] is decimal p)
                {
                    Add(findings, BudgetArithmetic.CheckSum(RuleCatalog.TextTable, "文中" + Label(b, key), W(value), [("上年数", W(p))], Wan, "填报数 " + key));
                }
                continue;
            }
            if (computed.TryGetValue(key, out var calc))
            {
                Add(findings, BudgetArithmetic.CheckSum(RuleCatalog.TextTable, "文中" + Label(b, key), W(value), [("预算明细合计", W(calc))], Wan, "填报数 " + key));
            }
        }
        Hierarchy(stated, "文中数字", findings);
        var statedChanges = stated.Where(s => s.Key.StartsWith("change:", StringComparison.Ordinal)).ToDictionary(s => s.Key[7..], s => s.Value, StringComparer.Ordinal);
        Hierarchy(statedChanges, "文中增减额", findings);
        foreach (var (key, change) in statedChanges)
        {
            var current = Get(stated, key) ?? Get(computed, key);
            var prior = Get(stated, "prior:" + key) ?? b.Prior?[key];
            if (current is decimal cur && prior is decimal pr)
            {
                Add(findings, BudgetArithmetic.CheckDifference(RuleCatalog.TextDifference, Label(b, key), W(cur), W(pr), W(change), Wan, "填报数 change:" + key));
            }
        }
        foreach (var (key, pct) in stated.Where(s => s.Key.StartsWith("pct:", StringComparison.Ordinal)).Select(s => (s.Key[4..], s.Value)))
        {
            var prior = Get(stated, "prior:" + key) ?? b.Prior?[key];
            var change = Get(statedChanges, key);
            if (change is null && prior is decimal p0 && (Get(stated, key) ?? Get(computed, key)) is decimal cur)
            {
                change = cur - p0;
            }
            if (prior is decimal pr && change is decimal ch)
            {
                var decimals = BitConverter.GetBytes(decimal.GetBits(pct)[3])[2];
                Add(findings, BudgetArithmetic.CheckPercent(RuleCatalog.TextPercent, Label(b, key) + "增减率", Math.Abs(pct), decimals, Math.Abs(W(ch)), W(pr),
                    $"{BudgetArithmetic.Format(Math.Abs(W(ch)), Wan)} ÷ {BudgetArithmetic.Format(W(pr), Wan)}", "填报数 pct:" + key));
            }
        }
    }

    /// <summary>The sums a set of figures (stated, prior or changes) must satisfy among themselves.</summary>
    private static void Hierarchy(IReadOnlyDictionary<string, decimal> d, string what, List<Finding> findings)
    {
        var at = what;
        if (Get(d, "basic") is decimal basic && Get(d, "personnel") is decimal pe && Get(d, "public") is decimal pu)
        {
            Add(findings, BudgetArithmetic.CheckSum(RuleCatalog.SumBasic, what + "·基本支出", W(basic), [("人员经费", W(pe)), ("公用经费", W(pu))], Wan, at));
        }
        var be = d.Where(k => k.Key.StartsWith("BE:", StringComparison.Ordinal) && k.Key.Length == 6).OrderBy(k => k.Key, StringComparer.Ordinal).ToList();
        if (Get(d, "expense") is decimal exp && Get(d, "project") is decimal proj)
        {
            if (Get(d, "basic") is decimal b2)
            {
                Add(findings, BudgetArithmetic.CheckSum(RuleCatalog.SumExpense, what + "·支出合计", W(exp), [("基本支出", W(b2)), ("项目支出", W(proj))], Wan, at));
            }
            else if (be.Count > 0)
            {
                var parts = be.Select(k => (BudgetFigures.Label(k.Key), W(k.Value))).Append(("项目支出", W(proj))).ToList();
                Add(findings, BudgetArithmetic.CheckSum(RuleCatalog.SumParts, what + "·支出合计", W(exp), parts, Wan, at));
            }
        }
        if (be.Count > 0 && Get(d, "basic") is decimal b3)
        {
            Add(findings, BudgetArithmetic.CheckSum(RuleCatalog.SumParts, what + "·基本支出", W(b3), be.Select(k => (BudgetFigures.Label(k.Key), W(k.Value))).ToList(), Wan, at));
        }
        var fn = d.Where(k => k.Key.StartsWith("F:", StringComparison.Ordinal) && k.Key.Length == 5).OrderBy(k => k.Key, StringComparer.Ordinal).ToList();
        if (fn.Count > 0 && Get(d, "expense") is decimal e2)
        {
            Add(findings, BudgetArithmetic.CheckSum(RuleCatalog.SumParts, what + "·支出合计（按功能分类）", W(e2), fn.Select(k => (k.Key, W(k.Value))).ToList(), Wan, at));
        }
        var src = d.Where(k => k.Key.StartsWith("source:", StringComparison.Ordinal)).OrderBy(k => k.Key, StringComparer.Ordinal).ToList();
        if (src.Count > 0 && Get(d, "revenue") is decimal rev)
        {
            Add(findings, BudgetArithmetic.CheckSum(RuleCatalog.SumParts, what + "·收入合计", W(rev), src.Select(k => (k.Key[7..], W(k.Value))).ToList(), Wan, at));
        }
        if (Get(d, "sangong") is decimal sg)
        {
            var parts = new List<(string, decimal)>();
            foreach (var k in SanGongParts)
            {
                if (Get(d, k) is decimal v)
                {
                    parts.Add((BudgetFigures.Label(k), W(v)));
                }
            }
            if (parts.Count > 0)
            {
                Add(findings, BudgetArithmetic.CheckSum(RuleCatalog.SumSanGong, what + "·“三公”经费", W(sg), parts, Wan, at));
            }
        }
        if (Get(d, "sangong.vehicle") is decimal veh && Get(d, "sangong.vehiclePurchase") is decimal vp && Get(d, "sangong.vehicleOperation") is decimal vo)
        {
            Add(findings, BudgetArithmetic.CheckSum(RuleCatalog.SumSanGong, what + "·公务用车购置及运行维护费", W(veh), [("购置费", W(vp)), ("运行维护费", W(vo))], Wan, at));
        }
        if (Get(d, "procurement") is decimal pc)
        {
            var parts = ProcurementParts
                .Where(k => d.ContainsKey(k)).Select(k => (BudgetFigures.Label(k), W(d[k]))).ToList();
            if (parts.Count > 0)
            {
                Add(findings, BudgetArithmetic.CheckSum(RuleCatalog.SumProcurement, what + "·政府采购", W(pc), parts, Wan, at));
            }
        }
        var holdings = d.Where(k => k.Key.StartsWith("assets.", StringComparison.Ordinal) && k.Key != "assets.planned").ToList();
        if (holdings.Count > 0 && Get(d, "assets") is decimal at2)
        {
            Add(findings, BudgetArithmetic.CheckSum(RuleCatalog.SumParts, what + "·固定资产总额", W(at2), holdings.Select(k => (k.Key[7..], W(k.Value))).ToList(), Wan, at));
        }
    }

    private static string Label(DepartmentBudget b, string key) => BudgetFigures.Label(key, k => CodeName(b, k));

    /// <summary>Name for a key with a code prefix (F:/E:/BE:/G:/P:): the catalog of the budget's year, then the budget's own names.</summary>
    public static string? CodeName(DepartmentBudget b, string key)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(key);
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }
        var code = key[(colon + 1)..];
        ClassificationKind? kind = key[..colon] switch
        {
            "F" => ClassificationKind.Function,
            "E" or "BE" => ClassificationKind.DepartmentEconomic,
            "G" => ClassificationKind.GovernmentEconomic,
            _ => null,
        };
        if (kind is ClassificationKind k)
        {
            return BudgetTables.NameOf(b, ClassificationCatalog.Default, k, code);
        }
        return key.StartsWith("P:", StringComparison.Ordinal) ? b.Projects.FirstOrDefault(p => p.Id == code)?.Name : null;
    }

    /// <summary>Keys whose change against last year must carry a reason.</summary>
    public static IEnumerable<string> ComparedKeys(DepartmentBudget budget, IReadOnlyDictionary<string, decimal> computed)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(computed);
        if (budget.Prior is null)
        {
            yield break;
        }
        foreach (var k in BudgetFigures.HeadlineKeys)
        {
            if (budget.Prior[k] is not null)
            {
                yield return k;
            }
        }
        foreach (var k in budget.Prior.Figures.Keys.Where(k => (k.StartsWith("F:", StringComparison.Ordinal) && k.Length == 9) || k.StartsWith("P:", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            yield return k;
        }
    }

    private static void Reasons(DepartmentBudget b, Dictionary<string, decimal> computed, List<Finding> findings)
    {
        if (b.Prior is null)
        {
            return;
        }
        if (b.Prior.Year != b.Year - 1)
        {
            findings.Add(new Finding(RuleCatalog.TextYear.Id, FindingSeverity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"上年数的年度为 {b.Prior.Year}，应为 {b.Year - 1}"), (b.Year - 1).ToString(CultureInfo.InvariantCulture), b.Prior.Year.ToString(CultureInfo.InvariantCulture), null, "prior.year"));
        }
        foreach (var key in ComparedKeys(b, computed))
        {
            var current = Get(computed, key) ?? 0;
            var prior = b.Prior[key] ?? 0;
            if (current != prior && (!b.Reasons.TryGetValue(key, out var reason) || string.IsNullOrWhiteSpace(reason)))
            {
                var change = current - prior;
                findings.Add(new Finding(RuleCatalog.BudgetReason.Id, FindingSeverity.Error,
                    $"{Label(b, key)}较上年{(change > 0 ? "增加" : "减少")} {BudgetArithmetic.Format(Math.Abs(W(change)), Wan)}，须填写增减原因",
                    "增减原因", null, BudgetArithmetic.Format(W(change), Wan), "reasons." + key));
            }
        }
    }

    private static void Targets(DepartmentBudget b, List<Finding> findings)
    {
        var targets = b.Projects.Where(p => p.Target is not null).Select(p => ($"项目“{p.Name}”绩效目标", p.Target!)).ToList();
        if (b.UnitTarget is not null)
        {
            targets.Insert(0, ("单位整体绩效目标", b.UnitTarget));
        }
        foreach (var (where, t) in targets)
        {
            for (int i = 0; i < t.Indicators.Count; i++)
            {
                var ind = t.Indicators[i];
                var at = string.Create(CultureInfo.InvariantCulture, $"{where}第{i + 1}个指标（{ind.Name}）");
                void Bad(string m) => findings.Add(new Finding(RuleCatalog.BudgetIndicator.Id, FindingSeverity.Error, m, null, null, null, at));
                if (!Level1Names.Contains(Suffix(ind.Level1)))
                {
                    Bad($"一级指标：“{ind.Level1}”不是有效取值，应为 {string.Join("、", Level1Names)}");
                }
                if (!Level2Names.Contains(Suffix(ind.Level2)))
                {
                    Bad($"二级指标：“{ind.Level2}”不是有效取值，应为 {string.Join("、", Level2Names)}");
                }
                if (!Operators.Contains(ind.Operator))
                {
                    Bad($"符号：“{ind.Operator}”不是有效取值，应为 ≥ ≤ = > < 或留空（定性指标）");
                }
                var numeric = decimal.TryParse(ind.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value);
                if (ind.Operator.Length > 0 && !numeric)
                {
                    Bad($"指标值：定量指标（符号 {ind.Operator}）的指标值须为数字，实为“{ind.Value}”");
                }
                if (string.IsNullOrWhiteSpace(ind.Value))
                {
                    Bad("指标值：必填");
                }
                if (numeric && ind.Operator.Length > 0)
                {
                    DocumentRules.CheckIndicator(ind.Name, ind.Operator, value, ind.Unit ?? "", at, findings);
                }
            }
            var weights = t.Indicators.Where(x => x.Weight is not null).Select(x => (x.Name, x.Weight!.Value)).ToList();
            if (weights.Count > 0)
            {
                Add(findings, BudgetArithmetic.CheckSum(RuleCatalog.BudgetIndicator, where + "权重合计", 100m, weights, "", where));
            }
        }
    }

    private static string Suffix(string name) => name.EndsWith("指标", StringComparison.Ordinal) ? name : name + "指标";

    private static void Other(DepartmentBudget b, Dictionary<string, decimal> c, List<Finding> findings)
    {
        var gp = b.Lines.Where(l => l.Source == FundingSource.GeneralPublic).ToList();
        var detail = new (string Code, string Key, decimal Stated)[]
        {
            ("30212", "sangong.abroad", b.SanGong.Abroad), ("31013", "sangong.vehiclePurchase", b.SanGong.VehiclePurchase),
            ("30231", "sangong.vehicleOperation", b.SanGong.VehicleOperation), ("30217", "sangong.reception", b.SanGong.Reception),
            ("30215", "meeting", b.SanGong.Meeting), ("30216", "training", b.SanGong.Training),
        };
        if (gp.Any(l => detail.Any(d => l.DeptEconomicCode == d.Code)))
        {
            foreach (var (code, key, statedValue) in detail)
            {
                var lines = gp.Where(l => l.DeptEconomicCode == code).Sum(l => l.Amount);
                Add(findings, BudgetArithmetic.CheckSum(RuleCatalog.BudgetSanGongLines, BudgetFigures.Label(key), W(statedValue), [($"明细 {code}", W(lines))], Wan, "sanGong"));
            }
        }
        if (b.RunningCost.Count > 0 && !b.Unit.HasAdministrativeNature)
        {
            findings.Add(new Finding(RuleCatalog.RunningCostNature.Id, FindingSeverity.Warning,
                $"本部门及下属单位均为事业单位（{b.Unit.Nature.Chinese()}），机关运行经费只适用于行政单位和参公事业单位", "行政或参公", b.Unit.Nature.Chinese(), null, "runningCost"));
        }
        if (c["running"] > c["public"] && b.RunningCost.Count > 0)
        {
            findings.Add(new Finding(RuleCatalog.RunningCostExceeds.Id, FindingSeverity.Warning,
                $"机关运行经费 {BudgetArithmetic.Format(W(c["running"]), Wan)} 大于基本支出中的公用经费 {BudgetArithmetic.Format(W(c["public"]), Wan)}",
                $"≤ {BudgetArithmetic.Format(W(c["public"]), Wan)}", BudgetArithmetic.Format(W(c["running"]), Wan), BudgetArithmetic.Format(W(c["running"] - c["public"]), Wan), "runningCost"));
        }
        for (int i = 0; i < b.Procurement.Count; i++)
        {
            var p = b.Procurement[i];
            if (p.Amount < 0 || p.SmeReserved < 0 || p.SmeReserved > p.Amount)
            {
                findings.Add(new Finding(RuleCatalog.BudgetSme.Id, FindingSeverity.Error,
                    $"政府采购“{p.Name}”：预留中小企业份额 {BudgetArithmetic.Format(W(p.SmeReserved), Wan)} 应在 0 与采购金额 {BudgetArithmetic.Format(W(p.Amount), Wan)} 之间",
                    $"≤ {BudgetArithmetic.Format(W(p.Amount), Wan)}", BudgetArithmetic.Format(W(p.SmeReserved), Wan), null, string.Create(CultureInfo.InvariantCulture, $"procurement[{i}]")));
            }
        }
        if (b.Assets.PlannedTotal > 0 && c["procurement"] == 0)
        {
            findings.Add(new Finding(RuleCatalog.BudgetProcurementAssets.Id, FindingSeverity.Warning,
                $"拟购置资产 {BudgetArithmetic.Format(W(b.Assets.PlannedTotal), Wan)}，政府采购预算却为 0",
                BudgetArithmetic.Format(W(b.Assets.PlannedTotal), Wan), "0.00万元", null, "assets.planned"));
        }
    }

    private static void Workflow(DepartmentBudget b, List<Finding> findings)
    {
        void Bad(string m, FindingSeverity s = FindingSeverity.Error) => findings.Add(new Finding(RuleCatalog.BudgetWorkflow.Id, s, m, null, null, null, "status"));
        if (b.Status is BudgetStatus.Approved or BudgetStatus.Published && b.ApprovedOn is null)
        {
            Bad($"批复日期：状态为“{b.Status.Chinese()}”时必填");
        }
        if (b.Status == BudgetStatus.Published)
        {
            if (b.PublishedOn is null)
            {
                Bad("公开日期：状态为“已公开”时必填");
            }
            if (string.IsNullOrWhiteSpace(b.PublishedAt))
            {
                Bad("公开地址：状态为“已公开”时必填");
            }
        }
        if (b.PublishedOn is DateOnly pub && b.ApprovedOn is DateOnly appr)
        {
            if (pub < appr)
            {
                Bad($"公开日期 {pub:yyyy-MM-dd} 早于批复日期 {appr:yyyy-MM-dd}");
            }
            else if (pub > appr.AddDays(DepartmentBudget.PublishWithinDays))
            {
                Bad($"批复后 {pub.DayNumber - appr.DayNumber} 日才公开，超过 20 日的期限（应不晚于 {appr.AddDays(DepartmentBudget.PublishWithinDays):yyyy-MM-dd}）", FindingSeverity.Warning);
            }
        }
    }
}
