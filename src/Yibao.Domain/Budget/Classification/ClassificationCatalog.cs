using System.Globalization;

namespace Yibao.Domain.Budget.Classification;

/// <summary>政府收支分类科目的种类。</summary>
public enum ClassificationKind
{
    /// <summary>支出功能分类（类/款/项，3/5/7 位）。</summary>
    Function,
    /// <summary>部门预算支出经济分类（类/款，3/5 位，301–399）。</summary>
    DepartmentEconomic,
    /// <summary>政府预算支出经济分类（类/款，3/5 位，501–599）。</summary>
    GovernmentEconomic,
}

/// <summary>一个科目在一段年度内的名称。ValidTo 为 null 表示至今有效。</summary>
public sealed record ClassificationEntry(
    ClassificationKind Kind,
    string Code,
    string Name,
    int ValidFrom,
    int? ValidTo,
    IReadOnlyList<string> Aliases)
{
    public bool IsValidIn(int year) => year >= ValidFrom && (ValidTo is null || year <= ValidTo);
}

/// <summary>名称核对结果。</summary>
public enum NameMatch
{
    /// <summary>与本年度目录名称一致（或为公认的等价写法）。</summary>
    Exact,
    /// <summary>名称是本科目在较早年度的旧名称。</summary>
    Outdated,
    /// <summary>名称是同一目录中另一个编码的名称（编码与名称不符）。</summary>
    OtherCode,
    /// <summary>简写或个别字不同。</summary>
    Similar,
    /// <summary>名称与编码不符。</summary>
    Different,
}

/// <summary>
/// 医保经办机构所用的政府收支分类科目（功能分类 208、210、221 类的相关款项；部门经济分类 301–310；政府经济分类 501–509），按年度带名称变更。
/// 资料来源：财政部《2018年政府收支分类科目》《2019年政府收支分类科目》《2020年政府收支分类科目》及以后各年度版本；
/// 经济分类依《财政部关于印发〈支出经济分类科目改革方案〉的通知》（财预〔2017〕98号，2018 年起施行）。
/// 只有标明"完整"的款（或类）下，未收录的编码才会被判为不存在；其余未收录编码只作提示。
/// </summary>
public sealed class ClassificationCatalog
{
    // kind|code|name|from|to|aliases(;)
    private const string Data = """
        F|208|社会保障和就业支出|2007||
        F|20801|人力资源和社会保障管理事务|2007||
        F|2080101|行政运行|2007||
        F|2080102|一般行政管理事务|2007||
        F|2080103|机关服务|2007||
        F|2080109|社会保险经办机构|2007||
        F|2080150|事业运行|2007||
        F|2080199|其他人力资源和社会保障管理事务支出|2007||
        F|20805|行政事业单位离退休|2007|2019|
        F|20805|行政事业单位养老支出|2020||
        F|2080501|行政单位离退休|2007||归口管理的行政单位离退休
        F|2080502|事业单位离退休|2007||
        F|2080503|离退休人员管理机构|2007||
        F|2080505|机关事业单位基本养老保险缴费支出|2015||
        F|2080506|机关事业单位职业年金缴费支出|2015||
        F|2080599|其他行政事业单位离退休支出|2007|2019|
        F|2080599|其他行政事业单位养老支出|2020||
        F|20899|其他社会保障和就业支出|2007||
        F|2089901|其他社会保障和就业支出|2007||
        F|210|医疗卫生与计划生育支出|2014|2018|
        F|210|卫生健康支出|2019||
        F|21001|医疗卫生与计划生育管理事务|2014|2018|
        F|21001|卫生健康管理事务|2019||
        F|2100101|行政运行|2007||
        F|2100102|一般行政管理事务|2007||
        F|2100103|机关服务|2007||
        F|2100199|其他医疗卫生与计划生育管理事务支出|2014|2018|
        F|2100199|其他卫生健康管理事务支出|2019||
        F|21011|行政事业单位医疗|2007||
        F|2101101|行政单位医疗|2007||
        F|2101102|事业单位医疗|2007||
        F|2101103|公务员医疗补助|2007||
        F|2101199|其他行政事业单位医疗支出|2007||
        F|21012|财政对基本医疗保险基金的补助|2007||
        F|2101201|财政对职工基本医疗保险基金的补助|2007||财政对城镇职工基本医疗保险基金的补助
        F|2101202|财政对城乡居民基本医疗保险基金的补助|2017||
        F|2101299|财政对其他基本医疗保险基金的补助|2007||
        F|21013|医疗救助|2007||
        F|2101301|城乡医疗救助|2007||
        F|2101302|疾病应急救助|2014||
        F|2101399|其他医疗救助支出|2007||
        F|21014|优抚对象医疗|2007||
        F|2101401|优抚对象医疗补助|2007||
        F|2101499|其他优抚对象医疗支出|2007||
        F|21015|医疗保障管理事务|2019||
        F|2101501|行政运行|2019||
        F|2101502|一般行政管理事务|2019||
        F|2101503|机关服务|2019||
        F|2101504|信息化建设|2019||
        F|2101505|医疗保障政策管理|2019||
        F|2101506|医疗保障经办事务|2019||
        F|2101550|事业运行|2019||
        F|2101599|其他医疗保障管理事务支出|2019||
        F|21099|其他医疗卫生与计划生育支出|2014|2018|
        F|21099|其他卫生健康支出|2019||
        F|2109901|其他医疗卫生与计划生育支出|2014|2018|
        F|2109901|其他卫生健康支出|2019||
        F|221|住房保障支出|2007||
        F|22101|保障性安居工程支出|2007||
        F|22102|住房改革支出|2007||
        F|2210201|住房公积金|2007||
        F|2210202|提租补贴|2007||
        F|2210203|购房补贴|2007||
        F|22103|城乡社区住宅|2007||
        D|301|工资福利支出|2018||
        D|30101|基本工资|2018||
        D|30102|津贴补贴|2018||
        D|30103|奖金|2018||
        D|30106|伙食补助费|2018||
        D|30107|绩效工资|2018||
        D|30108|机关事业单位基本养老保险缴费|2018||
        D|30109|职业年金缴费|2018||
        D|30110|职工基本医疗保险缴费|2018||
        D|30111|公务员医疗补助缴费|2018||
        D|30112|其他社会保障缴费|2018||
        D|30113|住房公积金|2018||
        D|30114|医疗费|2018||
        D|30199|其他工资福利支出|2018||
        D|302|商品和服务支出|2018||
        D|30201|办公费|2018||
        D|30202|印刷费|2018||
        D|30203|咨询费|2018||
        D|30204|手续费|2018||
        D|30205|水费|2018||
        D|30206|电费|2018||
        D|30207|邮电费|2018||
        D|30208|取暖费|2018||
        D|30209|物业管理费|2018||
        D|30211|差旅费|2018||
        D|30212|因公出国（境）费用|2018||
        D|30213|维修（护）费|2018||
        D|30214|租赁费|2018||
        D|30215|会议费|2018||
        D|30216|培训费|2018||
        D|30217|公务接待费|2018||
        D|30218|专用材料费|2018||
        D|30224|被装购置费|2018||
        D|30225|专用燃料费|2018||
        D|30226|劳务费|2018||
        D|30227|委托业务费|2018||
        D|30228|工会经费|2018||
        D|30229|福利费|2018||
        D|30231|公务用车运行维护费|2018||
        D|30239|其他交通费用|2018||
        D|30240|税金及附加费用|2018||
        D|30299|其他商品和服务支出|2018||
        D|303|对个人和家庭的补助|2018||
        D|30301|离休费|2018||
        D|30302|退休费|2018||
        D|30303|退职（役）费|2018||
        D|30304|抚恤金|2018||
        D|30305|生活补助|2018||
        D|30306|救济费|2018||
        D|30307|医疗费补助|2018||
        D|30308|助学金|2018||
        D|30309|奖励金|2018||
        D|30310|个人农业生产补贴|2018||
        D|30399|其他对个人和家庭的补助|2018||其他对个人和家庭的补助支出
        D|307|债务利息及费用支出|2018||
        D|309|资本性支出（基本建设）|2018||
        D|310|资本性支出|2018||
        D|31002|办公设备购置|2018||
        D|31003|专用设备购置|2018||
        D|31007|信息网络及软件购置更新|2018||
        D|31013|公务用车购置|2018||
        D|31099|其他资本性支出|2018||
        G|501|机关工资福利支出|2018||
        G|50101|工资奖金津补贴|2018||
        G|50102|社会保障缴费|2018||
        G|50103|住房公积金|2018||
        G|50199|其他工资福利支出|2018||
        G|502|机关商品和服务支出|2018||
        G|50201|办公经费|2018||
        G|50202|会议费|2018||
        G|50203|培训费|2018||
        G|50204|专用材料购置费|2018||
        G|50205|委托业务费|2018||
        G|50206|公务接待费|2018||
        G|50207|因公出国（境）费用|2018||
        G|50208|公务用车运行维护费|2018||
        G|50209|维修（护）费|2018||
        G|50299|其他商品和服务支出|2018||
        G|503|机关资本性支出（一）|2018||
        G|504|机关资本性支出（二）|2018||
        G|505|对事业单位经常性补助|2018||
        G|50501|工资福利支出|2018||
        G|50502|商品和服务支出|2018||
        G|50599|其他对事业单位补助|2018||
        G|506|对事业单位资本性补助|2018||
        G|507|对企业补助|2018||
        G|508|对企业资本性支出|2018||
        G|509|对个人和家庭的补助|2018||
        G|50901|社会福利和救助|2018||
        G|50902|助学金|2018||
        G|50903|个人农业生产补贴|2018||
        G|50905|离退休费|2018||
        G|50999|其他对个人和家庭补助|2018||其他对个人和家庭的补助
        """;

    /// <summary>其下的子科目已全部收录的编码（类或款）：其下未收录的编码判为不存在。</summary>
    private static readonly HashSet<string> CompleteParents = new(StringComparer.Ordinal)
    {
        "221", "21011", "21012", "21013", "21014", "21015", "22102",
        "301", "302", "501", "502", "509",
    };

    private readonly Dictionary<(ClassificationKind, string), List<ClassificationEntry>> _byCode = new();

    public static ClassificationCatalog Default { get; } = new(Parse(Data));

    private readonly HashSet<ClassificationKind> _completeKinds = [];

    private readonly Dictionary<string, string> _govMapping = new(StringComparer.Ordinal);

    /// <summary>
    /// A catalog whose <paramref name="completeKinds"/> are complete (an imported full catalog: a code not listed does not
    /// exist) and whose 部门经济分类款 map to 政府经济分类 as given.
    /// </summary>
    public ClassificationCatalog(IEnumerable<ClassificationEntry> entries, IEnumerable<ClassificationKind> completeKinds, IReadOnlyDictionary<string, string> govMapping)
        : this(entries)
    {
        ArgumentNullException.ThrowIfNull(completeKinds);
        ArgumentNullException.ThrowIfNull(govMapping);
        _completeKinds.UnionWith(completeKinds);
        foreach (var (k, v) in govMapping)
        {
            _govMapping[k] = v;
        }
    }

    /// <summary>Whether the kind comes from an imported full catalog (every code of the year is listed).</summary>
    public bool IsComplete(ClassificationKind kind) => _completeKinds.Contains(kind);

    /// <summary>对应政府经济分类 of a 部门经济分类 code, when the imported catalog gives one.</summary>
    public string? GovernmentCodeFor(string deptEconomicCode) =>
        _govMapping.TryGetValue(deptEconomicCode, out var g) ? g : null;

    public ClassificationCatalog(IEnumerable<ClassificationEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var e in entries)
        {
            if (!_byCode.TryGetValue((e.Kind, e.Code), out var list))
            {
                list = [];
                _byCode[(e.Kind, e.Code)] = list;
            }
            list.Add(e);
        }
    }

    public IEnumerable<ClassificationEntry> Entries => _byCode.Values.SelectMany(l => l);

    /// <summary>Parses the pipe-separated catalog format (kind F/D/G|code|name|from|to|aliases separated by ;), e.g. an imported full catalog.</summary>
    public static IReadOnlyList<ClassificationEntry> Parse(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var result = new List<ClassificationEntry>();
        foreach (var raw in data.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var p = line.Split('|');
            var kind = p[0] switch
            {
                "F" => ClassificationKind.Function,
                "D" => ClassificationKind.DepartmentEconomic,
                "G" => ClassificationKind.GovernmentEconomic,
                _ => throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"未知科目种类：{p[0]}")),
            };
            int from = int.Parse(p[3], CultureInfo.InvariantCulture);
            int? to = p.Length > 4 && p[4].Length > 0 ? int.Parse(p[4], CultureInfo.InvariantCulture) : null;
            var aliases = p.Length > 5 && p[5].Length > 0 ? p[5].Split(';') : [];
            result.Add(new ClassificationEntry(kind, p[1], p[2], from, to, aliases));
        }
        return result;
    }

    /// <summary>Kind implied by a code: 3xx → 部门经济, 5xx → 政府经济, 2xx → 功能.</summary>
    public static ClassificationKind? KindOf(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length == 0)
        {
            return null;
        }
        return code[0] switch
        {
            '2' => ClassificationKind.Function,
            '3' => ClassificationKind.DepartmentEconomic,
            '5' => ClassificationKind.GovernmentEconomic,
            _ => null,
        };
    }

    /// <summary>Whether the code has a legal length for its kind (功能 3/5/7，经济 3/5).</summary>
    public static bool HasValidShape(string code, ClassificationKind kind)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!code.All(char.IsAsciiDigit))
        {
            return false;
        }
        return kind == ClassificationKind.Function ? code.Length is 3 or 5 or 7 : code.Length is 3 or 5;
    }

    public ClassificationEntry? Find(ClassificationKind kind, string code, int year) =>
        _byCode.TryGetValue((kind, code), out var list) ? list.FirstOrDefault(e => e.IsValidIn(year)) : null;

    public IReadOnlyList<ClassificationEntry> AllVersions(ClassificationKind kind, string code) =>
        _byCode.TryGetValue((kind, code), out var list) ? list : [];

    /// <summary>True when the catalog lists every child of the code's parent, so an unknown code is known not to exist.</summary>
    public bool IsKnownAbsent(ClassificationKind kind, string code, int year)
    {
        if (Find(kind, code, year) is not null)
        {
            return false;
        }
        if (_completeKinds.Contains(kind))
        {
            return true;
        }
        var parent = code.Length switch
        {
            7 => code[..5],
            5 => code[..3],
            _ => null,
        };
        return parent is not null && CompleteParents.Contains(parent);
    }

    /// <summary>Compares a printed name with the catalog name of the code in the given year.</summary>
    public NameMatch MatchName(ClassificationKind kind, string code, string name, int year, out ClassificationEntry? expected)
    {
        ArgumentNullException.ThrowIfNull(name);
        expected = Find(kind, code, year);
        var n = NormalizeName(name);
        if (expected is null)
        {
            return NameMatch.Exact;
        }
        if (NormalizeName(expected.Name) == n || expected.Aliases.Any(a => NormalizeName(a) == n))
        {
            return NameMatch.Exact;
        }
        if (AllVersions(kind, code).Any(e => e.ValidTo is not null && e.ValidTo < year && NormalizeName(e.Name) == n))
        {
            return NameMatch.Outdated;
        }
        var expectedNorm = NormalizeName(expected.Name);
        // name of another code at the same level within the same class
        var other = _byCode.Values.SelectMany(l => l)
            .Any(e => e.Kind == kind && e.Code != code && e.Code.Length == code.Length
                      && e.Code[..3] == code[..3] && e.IsValidIn(year) && NormalizeName(e.Name) == n
                      && NormalizeName(e.Name) != expectedNorm);
        if (other)
        {
            return NameMatch.OtherCode;
        }
        return Similarity(n, expectedNorm) >= 0.6 ? NameMatch.Similar : NameMatch.Different;
    }

    /// <summary>Former names (no longer valid in the given year) that are distinctive enough to flag when they appear in free text.</summary>
    public IEnumerable<(ClassificationEntry Old, ClassificationEntry Current)> OutdatedNames(int year)
    {
        foreach (var list in _byCode.Values)
        {
            var current = list.FirstOrDefault(e => e.IsValidIn(year));
            if (current is null)
            {
                continue;
            }
            foreach (var old in list.Where(e => e.ValidTo is not null && e.ValidTo < year && e.Name != current.Name && e.Name.Length >= 6))
            {
                yield return (old, current);
            }
        }
    }

    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var s = name.Replace("（类）", "", StringComparison.Ordinal)
            .Replace("（款）", "", StringComparison.Ordinal)
            .Replace("（项）", "", StringComparison.Ordinal);
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c) || c is '*' or '"' or '“' or '”')
            {
                continue;
            }
            sb.Append(c switch { '(' => '（', ')' => '）', _ => c });
        }
        return sb.ToString();
    }

    /// <summary>Longest common subsequence length divided by the longer length.</summary>
    public static double Similarity(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : Math.Max(prev[j], cur[j - 1]);
            }
            (prev, cur) = (cur, prev);
        }
        return (double)prev[b.Length] / Math.Max(a.Length, b.Length);
    }
}
