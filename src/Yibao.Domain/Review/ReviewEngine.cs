using System.Globalization;
using Yibao.Domain.Catalogs;

namespace Yibao.Domain.Review;

/// <summary>
/// 审核疑点: one rule's finding with its evidence — the rule, the result type, the fee lines (batch line indexes,
/// ascending), the parameter it broke and the amount concerned (元, at most the sum of the lines' amounts).
/// </summary>
public sealed record ReviewFlag(
    string RuleId,
    string RuleName,
    ReviewRuleType Type,
    ReviewResultType Result,
    int Encounter,
    int Person,
    int[] Lines,
    decimal Amount,
    string Parameter,
    string Reason);

/// <summary>
/// The rule engine (智能审核): rules compiled against a <see cref="CodeTable"/> of item codes, evaluated over a
/// columnar <see cref="ReviewBatch"/>. Results depend only on the data, never on the order of the lines.
/// Rules are effective on an encounter when its admission date is within the rule's effective dates and the
/// encounter is within the rule's scope. An engine is immutable and may be shared; <see cref="Evaluate"/> is thread-safe.
/// </summary>
public sealed class ReviewEngine
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly CRule[] _rules;
    private readonly CodeTable _items;
    // Item id → line rules (CSR), and membership flags for gathered rule kinds.
    private readonly int[] _lineRuleStart;
    private readonly int[] _lineRules;
    private readonly bool[] _encGroupItem;
    private readonly bool[] _personItem;
    private readonly int[] _encGroupRules;
    private readonly int[] _personWindowRules;
    private readonly int[] _encLineRules;
    private readonly int[] _splitRules;
    private readonly int[] _simultaneousRules;

    /// <summary>Compiles the given rules as they are (whatever their status); see <see cref="ForStage"/>.</summary>
    public ReviewEngine(IEnumerable<ReviewRule> rules, CodeTable items)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _items = items ?? throw new ArgumentNullException(nameof(items));
        var list = rules.ToList();
        _rules = new CRule[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            _rules[i] = new CRule(list[i], items);
        }

        var n = items.Count;
        var perItem = new List<int>[n];
        _encGroupItem = new bool[n];
        _personItem = new bool[n];
        var encGroup = new List<int>();
        var personWin = new List<int>();
        var encLine = new List<int>();
        var split = new List<int>();
        var simul = new List<int>();
        for (var r = 0; r < _rules.Length; r++)
        {
            var c = _rules[r];
            switch (c.Kind)
            {
                case RuleKind.Line:
                    foreach (var id in c.ItemIds)
                    {
                        (perItem[id] ??= []).Add(r);
                    }

                    break;
                case RuleKind.EncounterGroup:
                    encGroup.Add(r);
                    foreach (var id in c.ItemIds.Concat(c.OtherIds))
                    {
                        _encGroupItem[id] = true;
                    }

                    break;
                case RuleKind.PersonWindow:
                    personWin.Add(r);
                    foreach (var id in c.ItemIds)
                    {
                        _personItem[id] = true;
                    }

                    break;
                case RuleKind.EncounterLines:
                    encLine.Add(r);
                    break;
                case RuleKind.Split:
                    split.Add(r);
                    break;
                case RuleKind.Simultaneous:
                    simul.Add(r);
                    break;
                default:
                    throw new InvalidOperationException("未知规则种类");
            }
        }

        _lineRuleStart = new int[n + 1];
        var all = new List<int>();
        for (var i = 0; i < n; i++)
        {
            _lineRuleStart[i] = all.Count;
            if (perItem[i] is { } l)
            {
                all.AddRange(l);
            }
        }

        _lineRuleStart[n] = all.Count;
        _lineRules = [.. all];
        _encGroupRules = [.. encGroup];
        _personWindowRules = [.. personWin];
        _encLineRules = [.. encLine];
        _splitRules = [.. split];
        _simultaneousRules = [.. simul];
    }

    /// <summary>The enabled rules of a set that apply at a stage (事中 or 事后).</summary>
    public static ReviewEngine ForStage(ReviewRuleSet set, ReviewStage stage, CodeTable items)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new ReviewEngine(set.Rules.Where(r => r.Status == ReviewRuleStatus.Enabled && (r.StageSet & stage) != 0), items);
    }

    public IReadOnlyList<ReviewRule> Rules => [.. _rules.Select(r => r.Rule)];

    /// <summary>Evaluates every rule over the batch; flags come grouped by person (persons in index order).</summary>
    public List<ReviewFlag> Evaluate(ReviewBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!ReferenceEquals(batch.Items, _items))
        {
            throw new ArgumentException("批次与规则必须使用同一个项目编码表", nameof(batch));
        }

        var run = new Run(this, batch);
        run.Execute();
        return run.Flags;
    }

    private enum RuleKind
    {
        Line,
        EncounterGroup,
        PersonWindow,
        EncounterLines,
        Split,
        Simultaneous,
    }

    private sealed class CRule
    {
        public CRule(ReviewRule rule, CodeTable items)
        {
            Rule = rule;
            Type = rule.Type;
            var p = rule.Parameters ?? new ReviewParameters();
            ItemIds = [.. p.Items.Distinct(StringComparer.Ordinal).Select(items.Intern)];
            var others = rule.Type == ReviewRuleType.MissingCompanion ? p.CompanionItems : p.OtherItems;
            OtherIds = [.. others.Distinct(StringComparer.Ordinal).Select(items.Intern)];
            ItemSet = Set(ItemIds, items.Count);
            OtherSet = Set(OtherIds, items.Count);
            From = rule.EffectiveFrom.DayNumber;
            To = rule.EffectiveTo.DayNumber;
            var s = rule.Scope ?? new ReviewScope();
            Insutypes = [.. s.Insutypes.Select(c => int.Parse(c, Inv))];
            LevelMask = s.InstitutionLevels.Count == 0 ? -1 : s.InstitutionLevels.Aggregate(0, (a, l) => a | (1 << l));
            InstTypeMask = s.InstitutionTypes.Count == 0 ? -1 : s.InstitutionTypes.Aggregate(0, (a, t) => a | (1 << (int)t));
            VisitMask = s.VisitTypes.Count == 0 ? -1 : s.VisitTypes.Aggregate(0, (a, v) => a | (1 << v.Index()));
            Gender = (byte)(p.Gender ?? 0);
            MinAge = p.MinAge ?? int.MinValue;
            MaxAge = p.MaxAge ?? int.MaxValue;
            Diagnoses = [.. p.Diagnoses];
            MinLevel = p.MinLevel ?? 0;
            AllowedVisits = p.VisitTypes.Aggregate(0, (a, v) => a | (1 << v.Index()));
            MaxQtyMilli = (long)decimal.Round((p.MaxQuantity ?? 0m) * 1000m, MidpointRounding.AwayFromZero);
            MaxDays = p.MaxDays ?? 0;
            MaxPrice = (long)decimal.Round((p.MaxPrice ?? 0m) * 10000m, MidpointRounding.AwayFromZero);
            AllowedGap = p.AllowedGapDays ?? 1;
            ExtraDays = p.ExtraDays ?? 0;
            ReadmissionDays = p.ReadmissionDays ?? 0;
            PrefixLength = p.DiagnosisPrefixLength ?? 3;
            SameInstitution = p.SameInstitution ?? true;
            MaxIdleDays = p.MaxIdleDays ?? 0;
            WindowDays = rule.WindowDays ?? 1;
            Window = rule.Type switch
            {
                ReviewRuleType.QuantityPerDay => ReviewWindow.Day,
                ReviewRuleType.QuantityPerStay => ReviewWindow.Encounter,
                _ => rule.Window,
            };
            Kind = rule.Type switch
            {
                ReviewRuleType.GenderLimit or ReviewRuleType.AgeLimit or ReviewRuleType.Indication or ReviewRuleType.InstitutionLevelLimit
                    or ReviewRuleType.VisitTypeLimit or ReviewRuleType.PriceCap => RuleKind.Line,
                ReviewRuleType.DuplicateCharge or ReviewRuleType.IncludedItem or ReviewRuleType.MutuallyExclusive
                    or ReviewRuleType.MissingCompanion or ReviewRuleType.PerDayExcess or ReviewRuleType.BedBlocking => RuleKind.EncounterGroup,
                ReviewRuleType.QuantityPerDay or ReviewRuleType.QuantityPerStay or ReviewRuleType.Frequency
                    or ReviewRuleType.CourseLength or ReviewRuleType.OverSupply => RuleKind.PersonWindow,
                ReviewRuleType.AfterDeath or ReviewRuleType.OutsideCoverage => RuleKind.EncounterLines,
                ReviewRuleType.SplitAdmission => RuleKind.Split,
                ReviewRuleType.SimultaneousEncounters => RuleKind.Simultaneous,
                _ => throw new ArgumentException($"规则“{rule.Id}”的类型无效", nameof(rule)),
            };
            Parameter = Describe(rule, p);
        }

        public ReviewRule Rule { get; }
        public ReviewRuleType Type { get; }
        public RuleKind Kind { get; }
        public int[] ItemIds { get; }
        public int[] OtherIds { get; }
        public bool[] ItemSet { get; }
        public bool[] OtherSet { get; }
        public int From { get; }
        public int To { get; }
        public int[] Insutypes { get; }
        public int LevelMask { get; }
        public int InstTypeMask { get; }
        public int VisitMask { get; }
        public byte Gender { get; }
        public int MinAge { get; }
        public int MaxAge { get; }
        public string[] Diagnoses { get; }
        public int MinLevel { get; }
        public int AllowedVisits { get; }
        public long MaxQtyMilli { get; }
        public int MaxDays { get; }
        public long MaxPrice { get; }
        public int AllowedGap { get; }
        public int ExtraDays { get; }
        public int ReadmissionDays { get; }
        public int PrefixLength { get; }
        public bool SameInstitution { get; }
        public int MaxIdleDays { get; }
        public int WindowDays { get; }
        public ReviewWindow Window { get; }
        public string Parameter { get; }
        public bool Definite => Rule.Result == ReviewResultType.Definite;

        public bool Has(int item) => item < ItemSet.Length && ItemSet[item];

        public bool HasOther(int item) => item < OtherSet.Length && OtherSet[item];

        private static bool[] Set(int[] ids, int n)
        {
            var s = new bool[n];
            foreach (var i in ids)
            {
                s[i] = true;
            }

            return s;
        }

        private static string Describe(ReviewRule r, ReviewParameters p)
        {
            static string Q(decimal? d) => (d ?? 0m).ToString("0.###", Inv);
            var window = r.Window == ReviewWindow.Days ? $"{r.WindowDays} 天" : r.Window.ChineseName();
            return r.Type switch
            {
                ReviewRuleType.GenderLimit => "限定性别：" + (p.Gender == 2 ? "女" : "男"),
                ReviewRuleType.AgeLimit => $"限定年龄：{p.MinAge?.ToString(Inv) ?? "不限"}–{p.MaxAge?.ToString(Inv) ?? "不限"} 岁",
                ReviewRuleType.Indication => "限定适应症：" + string.Join("、", p.Diagnoses),
                ReviewRuleType.InstitutionLevelLimit => $"限定医疗机构等级：{p.MinLevel} 级及以上",
                ReviewRuleType.VisitTypeLimit => "限定就诊类型：" + string.Join("、", p.VisitTypes.Select(v => v.ChineseName())),
                ReviewRuleType.QuantityPerDay => $"单日数量上限：{Q(p.MaxQuantity)}",
                ReviewRuleType.QuantityPerStay => $"单次住院数量上限：{Q(p.MaxQuantity)}",
                ReviewRuleType.Frequency => $"{window}数量上限：{Q(p.MaxQuantity)}",
                ReviewRuleType.CourseLength => $"疗程天数上限：{p.MaxDays} 天（间隔不超过 {p.AllowedGapDays ?? 1} 天视为同一疗程）",
                ReviewRuleType.PriceCap => $"限价：{Q(p.MaxPrice)} 元",
                ReviewRuleType.DuplicateCharge => "同一就诊同日同项目同数量同单价只能收费一次",
                ReviewRuleType.IncludedItem => $"{string.Join("、", p.Items)} 已包含 {string.Join("、", p.OtherItems)}（{window}）",
                ReviewRuleType.MutuallyExclusive => $"{string.Join("、", p.Items)} 与 {string.Join("、", p.OtherItems)} 互斥（{window}）",
                ReviewRuleType.MissingCompanion => $"须同时收取 {string.Join("、", p.CompanionItems)} 之一（{window}）",
                ReviewRuleType.PerDayExcess => $"按日收费数量不得超过住院天数{(p.ExtraDays is > 0 ? $" + {p.ExtraDays} 天" : "")}",
                ReviewRuleType.SplitAdmission => $"出院后 {p.ReadmissionDays} 天内因相同诊断（前 {p.DiagnosisPrefixLength ?? 3} 位）再次入院{((p.SameInstitution ?? true) ? "（同一机构）" : "")}",
                ReviewRuleType.BedBlocking => $"住院期间无治疗天数上限：{p.MaxIdleDays ?? 0} 天",
                ReviewRuleType.OverSupply => $"{window}用药天数上限：{p.MaxDays} 天",
                ReviewRuleType.AfterDeath => "死亡日期之后不得发生费用",
                ReviewRuleType.OutsideCoverage => "费用须发生在参保期内",
                ReviewRuleType.SimultaneousEncounters => "住院期间不得在其他机构就诊",
                _ => "",
            };
        }
    }

    private struct Entry
    {
        public long Key;
        public int Date;
        public int Line;
        public int Item;
        public int Enc;
        public long Measure;
    }

    /// <summary>One evaluation: scratch state over one batch.</summary>
    private sealed class Run
    {
        private readonly ReviewEngine _e;
        private readonly ReviewBatch _b;
        private readonly CRule[] _rules;
        private int[] _encLineStart = [];
        private int[] _encLines = [];
        private int[] _personEncStart = [];
        private int[] _personEncs = [];
        private readonly bool[] _active;
        private readonly int[] _indicationStamp;
        private readonly bool[] _indicationOk;
        private Entry[] _encScratch = new Entry[64];
        private Entry[] _personScratch = new Entry[256];
        private Entry[] _ruleScratch = new Entry[256];
        private bool[] _treated = new bool[64];
        private readonly List<int> _lineBuf = [];

        public Run(ReviewEngine e, ReviewBatch b)
        {
            _e = e;
            _b = b;
            _rules = e._rules;
            _active = new bool[_rules.Length];
            _indicationStamp = new int[_rules.Length];
            _indicationOk = new bool[_rules.Length];
            Array.Fill(_indicationStamp, -1);
        }

        public List<ReviewFlag> Flags { get; } = [];

        public void Execute()
        {
            Index();
            var b = _b;
            for (var p = 0; p < b.PersonCount; p++)
            {
                var pStart = _personEncStart[p];
                var pEnd = _personEncStart[p + 1];
                var personCount = 0;
                for (var k = pStart; k < pEnd; k++)
                {
                    personCount = Encounter(_personEncs[k], personCount);
                }

                if (personCount > 0)
                {
                    PersonWindows(p, personCount);
                }

                if (pEnd - pStart > 1)
                {
                    foreach (var r in _e._splitRules)
                    {
                        Split(_rules[r], pStart, pEnd);
                    }

                    foreach (var r in _e._simultaneousRules)
                    {
                        Simultaneous(_rules[r], pStart, pEnd);
                    }
                }
            }
        }

        /// <summary>Counting sorts: lines by encounter, encounters by person (then by admission, discharge, index).</summary>
        private void Index()
        {
            var b = _b;
            var ec = b.EncounterCount;
            _encLineStart = new int[ec + 1];
            for (var i = 0; i < b.LineCount; i++)
            {
                _encLineStart[b.LineEncounter[i] + 1]++;
            }

            for (var e = 0; e < ec; e++)
            {
                _encLineStart[e + 1] += _encLineStart[e];
            }

            _encLines = new int[b.LineCount];
            var fill = new int[ec];
            Array.Copy(_encLineStart, fill, ec);
            for (var i = 0; i < b.LineCount; i++)
            {
                _encLines[fill[b.LineEncounter[i]]++] = i;
            }

            var pc = b.PersonCount;
            _personEncStart = new int[pc + 1];
            for (var e = 0; e < ec; e++)
            {
                _personEncStart[b.EncPerson[e] + 1]++;
            }

            for (var p = 0; p < pc; p++)
            {
                _personEncStart[p + 1] += _personEncStart[p];
            }

            _personEncs = new int[ec];
            var pf = new int[pc];
            Array.Copy(_personEncStart, pf, pc);
            for (var e = 0; e < ec; e++)
            {
                _personEncs[pf[b.EncPerson[e]]++] = e;
            }

            var adm = b.EncAdmission;
            var dis = b.EncDischarge;
            for (var p = 0; p < pc; p++)
            {
                var span = _personEncs.AsSpan(_personEncStart[p], _personEncStart[p + 1] - _personEncStart[p]);
                if (span.Length > 1)
                {
                    span.Sort((x, y) => adm[x] != adm[y] ? adm[x].CompareTo(adm[y]) : dis[x] != dis[y] ? dis[x].CompareTo(dis[y]) : x.CompareTo(y));
                }
            }
        }

        private bool InScope(CRule r, int e)
        {
            var b = _b;
            var adm = b.EncAdmission[e];
            if (adm < r.From || adm > r.To)
            {
                return false;
            }

            if ((r.LevelMask & (1 << b.EncLevel[e])) == 0 || (r.InstTypeMask & (1 << b.EncInstType[e])) == 0
                || (r.VisitMask & (1 << b.EncVisit[e])) == 0)
            {
                return false;
            }

            if (r.Insutypes.Length == 0)
            {
                return true;
            }

            var it = b.EncInsutype[e];
            foreach (var x in r.Insutypes)
            {
                if (x == it)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Line rules, encounter-line rules and encounter-group rules of one encounter; gathers person-window lines.</summary>
        private int Encounter(int e, int personCount)
        {
            var b = _b;
            var rules = _rules;
            for (var r = 0; r < rules.Length; r++)
            {
                _active[r] = InScope(rules[r], e);
            }

            var start = _encLineStart[e];
            var end = _encLineStart[e + 1];
            var lineRuleStart = _e._lineRuleStart;
            var lineRules = _e._lineRules;
            var itemLimit = lineRuleStart.Length - 1;
            var encGroupItem = _e._encGroupItem;
            var personItem = _e._personItem;
            var encCount = 0;
            var age = -1;
            for (var k = start; k < end; k++)
            {
                var line = _encLines[k];
                var item = b.LineItem[line];
                if (item >= itemLimit)
                {
                    continue;
                }

                for (var x = lineRuleStart[item]; x < lineRuleStart[item + 1]; x++)
                {
                    var ri = lineRules[x];
                    if (_active[ri])
                    {
                        LineRule(ri, rules[ri], e, line, ref age);
                    }
                }

                if (encGroupItem[item])
                {
                    Push(ref _encScratch, encCount++, new Entry { Item = item, Date = b.LineDate[line], Line = line, Enc = e, Key = b.LinePrice[line], Measure = b.LineQty[line] });
                }

                if (personItem[item])
                {
                    Push(ref _personScratch, personCount++, new Entry { Item = item, Date = b.LineDate[line], Line = line, Enc = e });
                }
            }

            foreach (var r in _e._encLineRules)
            {
                if (_active[r])
                {
                    EncounterLines(rules[r], e, start, end);
                }
            }

            if (_e._encGroupRules.Length > 0)
            {
                var span = _encScratch.AsSpan(0, encCount);
                if (encCount > 1)
                {
                    span.Sort(static (x, y) =>
                        x.Item != y.Item ? x.Item.CompareTo(y.Item)
                        : x.Date != y.Date ? x.Date.CompareTo(y.Date)
                        : x.Measure != y.Measure ? x.Measure.CompareTo(y.Measure)
                        : x.Key != y.Key ? x.Key.CompareTo(y.Key)
                        : x.Line.CompareTo(y.Line));
                }

                foreach (var r in _e._encGroupRules)
                {
                    if (_active[r] && (encCount > 0 || rules[r].Type == ReviewRuleType.BedBlocking))
                    {
                        EncounterGroup(rules[r], e, span, start, end);
                    }
                }
            }

            return personCount;
        }

        private static void Push(ref Entry[] arr, int i, in Entry v)
        {
            if (i == arr.Length)
            {
                Array.Resize(ref arr, arr.Length * 2);
            }

            arr[i] = v;
        }

        private void LineRule(int ri, CRule r, int e, int line, ref int age)
        {
            var b = _b;
            var p = b.EncPerson[e];
            switch (r.Type)
            {
                case ReviewRuleType.GenderLimit:
                    if (b.PersonGender[p] != r.Gender)
                    {
                        Add(r, e, line, b.LineAmount[line], "参保人性别为" + (b.PersonGender[p] == 2 ? "女" : "男"));
                    }

                    break;
                case ReviewRuleType.AgeLimit:
                    if (age < 0)
                    {
                        age = Age(b.PersonBirth[p], b.EncAdmission[e]);
                    }

                    if (age < r.MinAge || age > r.MaxAge)
                    {
                        Add(r, e, line, b.LineAmount[line], string.Create(Inv, $"就诊时年龄 {age} 岁"));
                    }

                    break;
                case ReviewRuleType.Indication:
                    if (_indicationStamp[ri] != e)
                    {
                        _indicationStamp[ri] = e;
                        _indicationOk[ri] = IndicationMet(r, e);
                    }

                    if (!_indicationOk[ri])
                    {
                        Add(r, e, line, b.LineAmount[line], "就诊诊断不在适应症范围内：" + DiagnosisText(e));
                    }

                    break;
                case ReviewRuleType.InstitutionLevelLimit:
                    if (b.EncLevel[e] < r.MinLevel)
                    {
                        Add(r, e, line, b.LineAmount[line], b.EncLevel[e] == 0 ? "机构未定级" : string.Create(Inv, $"机构为 {b.EncLevel[e]} 级"));
                    }

                    break;
                case ReviewRuleType.VisitTypeLimit:
                    if ((r.AllowedVisits & (1 << b.EncVisit[e])) == 0)
                    {
                        Add(r, e, line, b.LineAmount[line], "就诊类型为" + VisitName(b.EncVisit[e]));
                    }

                    break;
                case ReviewRuleType.PriceCap:
                    if (b.LinePrice[line] > r.MaxPrice)
                    {
                        var over = (decimal)(b.LinePrice[line] - r.MaxPrice) * b.LineQty[line] / 100000m;
                        var fen = Math.Min(b.LineAmount[line], (long)decimal.Round(over, MidpointRounding.AwayFromZero));
                        Add(r, e, line, fen, string.Create(Inv, $"单价 {b.LinePrice[line] / 10000m:0.00##} 元"));
                    }

                    break;
                default:
                    break;
            }
        }

        private static string VisitName(byte index) => index switch
        {
            0 => VisitType.GeneralOutpatient.ChineseName(),
            1 => VisitType.ChronicOutpatient.ChineseName(),
            2 => VisitType.Inpatient.ChineseName(),
            _ => VisitType.Maternity.ChineseName(),
        };

        internal static int Age(int birth, int on)
        {
            var bd = DateOnly.FromDayNumber(birth);
            var d = DateOnly.FromDayNumber(on);
            var age = d.Year - bd.Year;
            if (d.Month < bd.Month || (d.Month == bd.Month && d.Day < bd.Day))
            {
                age--;
            }

            return age;
        }

        private bool IndicationMet(CRule r, int e)
        {
            var b = _b;
            for (var k = b.EncDiagStart[e]; k < b.EncDiagStart[e + 1]; k++)
            {
                var code = b.Diagnoses[b.EncDiag[k]];
                foreach (var prefix in r.Diagnoses)
                {
                    if (code.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private string DiagnosisText(int e)
        {
            var b = _b;
            var n = b.EncDiagStart[e + 1] - b.EncDiagStart[e];
            return n == 0 ? "（无诊断）" : string.Join("、", Enumerable.Range(b.EncDiagStart[e], n).Select(k => b.Diagnoses[b.EncDiag[k]]));
        }

        private void EncounterLines(CRule r, int e, int start, int end)
        {
            var b = _b;
            var p = b.EncPerson[e];
            _lineBuf.Clear();
            long sum = 0;
            for (var k = start; k < end; k++)
            {
                var line = _encLines[k];
                var d = b.LineDate[line];
                bool bad;
                if (r.Type == ReviewRuleType.AfterDeath)
                {
                    bad = d > b.PersonDeath[p];
                }
                else
                {
                    bad = true;
                    for (var c = b.CoverageStart[p]; c < b.CoverageStart[p + 1]; c++)
                    {
                        if (d >= b.CoverageFrom[c] && d <= b.CoverageTo[c])
                        {
                            bad = false;
                            break;
                        }
                    }
                }

                if (bad)
                {
                    _lineBuf.Add(line);
                    sum += b.LineAmount[line];
                }
            }

            if (_lineBuf.Count > 0)
            {
                var reason = r.Type == ReviewRuleType.AfterDeath
                    ? "死亡日期 " + DateOnly.FromDayNumber(b.PersonDeath[p]).ToString("yyyy-MM-dd", Inv) + " 之后发生费用"
                    : "费用发生日期不在参保期内";
                AddMany(r, e, sum, reason);
            }
        }

        private void EncounterGroup(CRule r, int e, Span<Entry> s, int start, int end)
        {
            var b = _b;
            switch (r.Type)
            {
                case ReviewRuleType.DuplicateCharge:
                    for (var i = 0; i < s.Length;)
                    {
                        var j = i + 1;
                        while (j < s.Length && s[j].Item == s[i].Item && s[j].Date == s[i].Date && s[j].Measure == s[i].Measure && s[j].Key == s[i].Key)
                        {
                            j++;
                        }

                        if (j - i > 1 && r.Has(s[i].Item))
                        {
                            _lineBuf.Clear();
                            long total = 0, max = 0;
                            for (var k = i; k < j; k++)
                            {
                                _lineBuf.Add(s[k].Line);
                                var a = b.LineAmount[s[k].Line];
                                total += a;
                                max = Math.Max(max, a);
                            }

                            AddMany(r, e, total - max, string.Create(Inv, $"{b.Items[s[i].Item]} 于 {Day(s[i].Date)} 收费 {j - i} 次"));
                        }

                        i = j;
                    }

                    break;
                case ReviewRuleType.IncludedItem:
                case ReviewRuleType.MutuallyExclusive:
                case ReviewRuleType.MissingCompanion:
                    Pair(r, e, s);
                    break;
                case ReviewRuleType.PerDayExcess:
                {
                    _lineBuf.Clear();
                    long qty = 0, total = 0;
                    foreach (ref readonly var x in s)
                    {
                        if (r.Has(x.Item))
                        {
                            _lineBuf.Add(x.Line);
                            qty += x.Measure;
                            total += b.LineAmount[x.Line];
                        }
                    }

                    var days = StayDays(e);
                    var allowed = (long)(days + r.ExtraDays) * 1000;
                    if (qty > allowed)
                    {
                        AddMany(r, e, Share(total, qty - allowed, qty), string.Create(Inv, $"按日收费 {qty / 1000m:0.###} 天，住院 {days} 天"));
                    }

                    break;
                }

                case ReviewRuleType.BedBlocking:
                    BedBlocking(r, e, start, end);
                    break;
                default:
                    break;
            }
        }

        private int StayDays(int e) => Math.Max(1, _b.EncDischarge[e] - _b.EncAdmission[e]);

        /// <summary>项目包含 / 互斥: flag the other items when a primary item is charged (same encounter or day); 伴随: flag primary items without a companion.</summary>
        private void Pair(CRule r, int e, Span<Entry> s)
        {
            var b = _b;
            var byDay = r.Window == ReviewWindow.Day;
            var companion = r.Type == ReviewRuleType.MissingCompanion;
            _lineBuf.Clear();
            long total = 0;
            foreach (ref readonly var x in s)
            {
                // The line to flag: primary items for 伴随, the other items for 包含/互斥.
                if (companion ? !r.Has(x.Item) : !r.HasOther(x.Item))
                {
                    continue;
                }

                var found = false;
                foreach (ref readonly var y in s)
                {
                    if ((companion ? r.HasOther(y.Item) : r.Has(y.Item)) && (!byDay || y.Date == x.Date))
                    {
                        found = true;
                        break;
                    }
                }

                if (found != companion)
                {
                    _lineBuf.Add(x.Line);
                    total += b.LineAmount[x.Line];
                }
            }

            if (_lineBuf.Count > 0)
            {
                var reason = r.Type switch
                {
                    ReviewRuleType.IncludedItem => "已收取包含该项目的项目，重复收费",
                    ReviewRuleType.MutuallyExclusive => "与互斥项目同时收费",
                    _ => "未收取应伴随的项目",
                };
                AddMany(r, e, total, reason);
            }
        }

        private void BedBlocking(CRule r, int e, int start, int end)
        {
            var b = _b;
            if (b.EncVisit[e] != 2)
            {
                return;
            }

            var adm = b.EncAdmission[e];
            var days = StayDays(e);
            if (_treated.Length < days)
            {
                _treated = new bool[Math.Max(days, _treated.Length * 2)];
            }

            Array.Clear(_treated, 0, days);
            for (var k = start; k < end; k++)
            {
                var line = _encLines[k];
                var d = b.LineDate[line] - adm;
                if ((uint)d < (uint)days && !r.Has(b.LineItem[line]))
                {
                    _treated[d] = true;
                }
            }

            var idle = 0;
            for (var d = 0; d < days; d++)
            {
                if (!_treated[d])
                {
                    idle++;
                }
            }

            if (idle <= r.MaxIdleDays)
            {
                return;
            }

            _lineBuf.Clear();
            long total = 0;
            for (var k = start; k < end; k++)
            {
                var line = _encLines[k];
                var d = b.LineDate[line] - adm;
                if (r.Has(b.LineItem[line]) && (uint)d < (uint)days && !_treated[d])
                {
                    _lineBuf.Add(line);
                    total += b.LineAmount[line];
                }
            }

            AddMany(r, e, total, string.Create(Inv, $"住院 {days} 天中 {idle} 天无治疗费用"));
        }

        private void PersonWindows(int p, int count)
        {
            var b = _b;
            var entries = _personScratch.AsSpan(0, count);
            foreach (var ri in _e._personWindowRules)
            {
                var r = _rules[ri];
                var n = 0;
                foreach (ref readonly var x in entries)
                {
                    if (!r.Has(x.Item) || !InScope(r, x.Enc))
                    {
                        continue;
                    }

                    var line = x.Line;
                    var measure = r.Type == ReviewRuleType.OverSupply ? b.LineSupplyDays[line] * 1000L : b.LineQty[line];
                    long key = r.Type == ReviewRuleType.CourseLength ? 0 : r.Window switch
                    {
                        ReviewWindow.Encounter => x.Enc,
                        ReviewWindow.Day => x.Date,
                        ReviewWindow.Month => MonthKey(x.Date),
                        ReviewWindow.Year => DateOnly.FromDayNumber(x.Date).Year,
                        ReviewWindow.Days => 0,
                        _ => 0,
                    };
                    Push(ref _ruleScratch, n++, new Entry { Key = key, Date = x.Date, Line = line, Item = x.Item, Enc = x.Enc, Measure = measure });
                }

                if (n == 0)
                {
                    continue;
                }

                var s = _ruleScratch.AsSpan(0, n);
                s.Sort(static (x, y) => x.Key != y.Key ? x.Key.CompareTo(y.Key) : x.Date != y.Date ? x.Date.CompareTo(y.Date) : x.Line.CompareTo(y.Line));
                if (r.Type == ReviewRuleType.CourseLength)
                {
                    Course(r, p, s);
                }
                else if (r.Window == ReviewWindow.Days)
                {
                    Sliding(r, p, s);
                }
                else
                {
                    Fixed(r, p, s);
                }
            }
        }

        private static int MonthKey(int day)
        {
            var d = DateOnly.FromDayNumber(day);
            return (d.Year * 12) + d.Month;
        }

        private static string MeasureText(CRule r, long m) =>
            r.Type == ReviewRuleType.OverSupply ? string.Create(Inv, $"用药 {m / 1000} 天") : string.Create(Inv, $"数量 {m / 1000m:0.###}");

        private void Fixed(CRule r, int p, Span<Entry> s)
        {
            var b = _b;
            var limit = r.Type == ReviewRuleType.OverSupply ? r.MaxDays * 1000L : r.MaxQtyMilli;
            for (var i = 0; i < s.Length;)
            {
                var j = i;
                long sum = 0, total = 0;
                var enc = 0;
                while (j < s.Length && s[j].Key == s[i].Key)
                {
                    sum += s[j].Measure;
                    total += b.LineAmount[s[j].Line];
                    enc = Math.Max(enc, s[j].Enc);
                    j++;
                }

                if (sum > limit)
                {
                    _lineBuf.Clear();
                    for (var k = i; k < j; k++)
                    {
                        _lineBuf.Add(s[k].Line);
                    }

                    var where = r.Window switch
                    {
                        ReviewWindow.Encounter => "本次就诊",
                        ReviewWindow.Day => Day(s[i].Date) + " 当日",
                        ReviewWindow.Month => DateOnly.FromDayNumber(s[i].Date).ToString("yyyy 年 M 月", Inv),
                        ReviewWindow.Year => DateOnly.FromDayNumber(s[i].Date).ToString("yyyy 年", Inv),
                        ReviewWindow.Days => "",
                        _ => "",
                    };
                    AddMany(r, enc, Share(total, sum - limit, sum), where + "合计" + MeasureText(r, sum), p);
                }

                i = j;
            }
        }

        /// <summary>Rolling window of N days ending on each charge day: that day's lines are flagged when the window exceeds the limit.</summary>
        private void Sliding(CRule r, int p, Span<Entry> s)
        {
            var b = _b;
            var limit = r.Type == ReviewRuleType.OverSupply ? r.MaxDays * 1000L : r.MaxQtyMilli;
            long window = 0;
            var tail = 0;
            for (var i = 0; i < s.Length;)
            {
                var j = i;
                long day = 0, total = 0;
                var enc = 0;
                while (j < s.Length && s[j].Date == s[i].Date)
                {
                    day += s[j].Measure;
                    total += b.LineAmount[s[j].Line];
                    enc = Math.Max(enc, s[j].Enc);
                    j++;
                }

                window += day;
                while (s[tail].Date <= s[i].Date - r.WindowDays)
                {
                    window -= s[tail].Measure;
                    tail++;
                }

                if (window > limit && day > 0)
                {
                    _lineBuf.Clear();
                    for (var k = i; k < j; k++)
                    {
                        _lineBuf.Add(s[k].Line);
                    }

                    AddMany(r, enc, Share(total, Math.Min(day, window - limit), day),
                        string.Create(Inv, $"截至 {Day(s[i].Date)} 的 {r.WindowDays} 天内合计") + MeasureText(r, window), p);
                }

                i = j;
            }
        }

        /// <summary>疗程: runs of use days (gap ≤ allowed); charge days after the first max_days days of a run are flagged, one flag per run.</summary>
        private void Course(CRule r, int p, Span<Entry> s)
        {
            var b = _b;
            var runStart = s[0].Date;
            var prev = s[0].Date;
            _lineBuf.Clear();
            long total = 0;
            var lastEnc = 0;
            for (var i = 0; i <= s.Length; i++)
            {
                if (i == s.Length || s[i].Date - prev > r.AllowedGap)
                {
                    if (_lineBuf.Count > 0)
                    {
                        AddMany(r, lastEnc, total, string.Create(Inv, $"疗程自 {Day(runStart)} 起连续 {prev - runStart + 1} 天"), p);
                        _lineBuf.Clear();
                        total = 0;
                        lastEnc = 0;
                    }

                    if (i == s.Length)
                    {
                        break;
                    }

                    runStart = s[i].Date;
                }

                prev = s[i].Date;
                if (s[i].Date - runStart + 1 > r.MaxDays)
                {
                    _lineBuf.Add(s[i].Line);
                    total += b.LineAmount[s[i].Line];
                    lastEnc = Math.Max(lastEnc, s[i].Enc);
                }
            }
        }

        private void Split(CRule r, int pStart, int pEnd)
        {
            var b = _b;
            for (var k = pStart; k < pEnd; k++)
            {
                var cur = _personEncs[k];
                if (b.EncVisit[cur] != 2 || !InScope(r, cur) || b.EncDiagStart[cur] == b.EncDiagStart[cur + 1])
                {
                    continue;
                }

                for (var j = pStart; j < k; j++)
                {
                    var prev = _personEncs[j];
                    if (b.EncVisit[prev] != 2 || b.EncDiagStart[prev] == b.EncDiagStart[prev + 1])
                    {
                        continue;
                    }

                    var gap = b.EncAdmission[cur] - b.EncDischarge[prev];
                    if (gap < 0 || gap > r.ReadmissionDays || (r.SameInstitution && b.EncInstitution[cur] != b.EncInstitution[prev]))
                    {
                        continue;
                    }

                    var d1 = b.Diagnoses[b.EncDiag[b.EncDiagStart[cur]]];
                    var d0 = b.Diagnoses[b.EncDiag[b.EncDiagStart[prev]]];
                    var len = Math.Min(r.PrefixLength, Math.Min(d0.Length, d1.Length));
                    if (len == 0 || !d0.AsSpan(0, len).Equals(d1.AsSpan(0, len), StringComparison.OrdinalIgnoreCase)
                        || (len < r.PrefixLength && d0.Length != d1.Length))
                    {
                        continue;
                    }

                    _lineBuf.Clear();
                    long total = 0;
                    for (var x = _encLineStart[cur]; x < _encLineStart[cur + 1]; x++)
                    {
                        _lineBuf.Add(_encLines[x]);
                        total += b.LineAmount[_encLines[x]];
                    }

                    AddMany(r, cur, total, string.Create(Inv, $"上次住院 {Day(b.EncAdmission[prev])}–{Day(b.EncDischarge[prev])}（诊断 {d0}），出院 {gap} 天后再次入院（诊断 {d1}）"));
                    break;
                }
            }
        }

        /// <summary>For each encounter, its lines dated strictly inside a 住院 of the same person at another institution: one flag per encounter.</summary>
        private void Simultaneous(CRule r, int pStart, int pEnd)
        {
            var b = _b;
            for (var j = pStart; j < pEnd; j++)
            {
                var o = _personEncs[j];
                if (!OverlapsAnotherStay(o, pStart, pEnd) || !InScope(r, o))
                {
                    continue;
                }

                _lineBuf.Clear();
                long total = 0;
                int firstLo = 0, firstHi = 0;
                for (var x = _encLineStart[o]; x < _encLineStart[o + 1]; x++)
                {
                    var line = _encLines[x];
                    var d = b.LineDate[line];
                    for (var k = pStart; k < pEnd; k++)
                    {
                        var a = _personEncs[k];
                        if (a == o || b.EncVisit[a] != 2 || b.EncInstitution[a] == b.EncInstitution[o] || d <= b.EncAdmission[a] || d >= b.EncDischarge[a])
                        {
                            continue;
                        }

                        if (_lineBuf.Count == 0)
                        {
                            (firstLo, firstHi) = (b.EncAdmission[a], b.EncDischarge[a]);
                        }

                        _lineBuf.Add(line);
                        total += b.LineAmount[line];
                        break;
                    }
                }

                if (_lineBuf.Count > 0)
                {
                    // Name the earliest stay concerned so the reason does not depend on line order.
                    for (var k = pStart; k < pEnd; k++)
                    {
                        var a = _personEncs[k];
                        if (a != o && b.EncVisit[a] == 2 && b.EncInstitution[a] != b.EncInstitution[o]
                            && ContainsAny(a))
                        {
                            (firstLo, firstHi) = (b.EncAdmission[a], b.EncDischarge[a]);
                            break;
                        }
                    }

                    AddMany(r, o, total, string.Create(Inv, $"同期在另一机构住院 {Day(firstLo)}–{Day(firstHi)}"));
                }
            }
        }

        private bool OverlapsAnotherStay(int o, int pStart, int pEnd)
        {
            var b = _b;
            for (var k = pStart; k < pEnd; k++)
            {
                var a = _personEncs[k];
                if (a != o && b.EncVisit[a] == 2 && b.EncInstitution[a] != b.EncInstitution[o]
                    && b.EncDischarge[a] - b.EncAdmission[a] >= 2 && b.EncAdmission[o] < b.EncDischarge[a] && b.EncDischarge[o] > b.EncAdmission[a])
                {
                    return true;
                }
            }

            return false;
        }

        private bool ContainsAny(int stay)
        {
            var b = _b;
            foreach (var line in _lineBuf)
            {
                if (b.LineDate[line] > b.EncAdmission[stay] && b.LineDate[line] < b.EncDischarge[stay])
                {
                    return true;
                }
            }

            return false;
        }

        private static string Day(int dayNumber) => DateOnly.FromDayNumber(dayNumber).ToString("yyyy-MM-dd", Inv);

        /// <summary>total × part / whole in 分, rounded half away from zero, never above total.</summary>
        private static long Share(long total, long part, long whole)
        {
            if (whole <= 0 || part >= whole)
            {
                return total;
            }

            return Math.Min(total, (long)decimal.Round((decimal)total * part / whole, MidpointRounding.AwayFromZero));
        }

        private void Add(CRule r, int e, int line, long fen, string reason) =>
            Flags.Add(new ReviewFlag(r.Rule.Id, r.Rule.Name, r.Type, r.Rule.Result, e, _b.EncPerson[e], [line], fen / 100m, r.Parameter,
                _b.Items[_b.LineItem[line]] + "：" + reason));

        private void AddMany(CRule r, int e, long fen, string reason, int person = -1)
        {
            var lines = _lineBuf.ToArray();
            Array.Sort(lines);
            Flags.Add(new ReviewFlag(r.Rule.Id, r.Rule.Name, r.Type, r.Rule.Result, e, person >= 0 ? person : _b.EncPerson[e], lines, fen / 100m, r.Parameter, reason));
        }
    }
}
