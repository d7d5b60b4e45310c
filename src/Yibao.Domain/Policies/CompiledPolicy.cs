using Yibao.Domain.Catalogs;
using Yibao.Domain.Settlement;

namespace Yibao.Domain.Policies;

/// <summary>A basic-insurance scheme compiled for the calculator.</summary>
public sealed class CompiledScheme
{
    public required SchemeDef Def { get; init; }
    public required Band[] Bands { get; init; }
    public decimal DeductibleAmount { get; init; }
    public DeductibleBasis DeductibleBasis { get; init; }
    public required decimal[] SubsequentFactors { get; init; }
    public required (ulong Mask, decimal Factor)[] StatusFactors { get; init; }
    public required (ulong CategoryMask, decimal Bonus)[] Adjustments { get; init; }
    public decimal? AnnualCap { get; init; }
    public decimal? FixedAmount { get; init; }
    /// <summary>Accumulator slots: deductible paid this year, visits this year, per-year band base, basic fund paid this year (-1 = none).</summary>
    public int DeductibleSlot { get; init; }
    public int VisitSlot { get; init; }
    public int BandSlot { get; init; }
    public int CapSlot { get; init; }
}

/// <summary>A supplementary layer compiled for the calculator.</summary>
public sealed class CompiledLayer
{
    public required LayerDef Def { get; init; }
    public required Band[] Bands { get; init; }
    public int InsutypeIndex { get; init; } = -1;
    public VisitTypeSet Visits { get; init; }
    public ulong CategoryMask { get; init; }
    public ulong StatusMask { get; init; }
    public int ExclusiveGroup { get; init; } = -1;
    public required (ulong StatusMask, decimal? ThresholdFactor, decimal Bonus, bool NoCap)[] Adjustments { get; init; }
    public int BaseSlot { get; init; }
    public int PaidSlot { get; init; }
}

/// <summary>The person's policy keys: 险种 (in the person's order), category and statuses as indices/bit masks.</summary>
public readonly record struct PersonKey(ulong InsutypeMask, int Ins0, int Ins1, int Ins2, int Ins3, int Category, ulong StatusMask)
{
    public int InsutypeAt(int i) => i switch { 0 => Ins0, 1 => Ins1, 2 => Ins2, 3 => Ins3, _ => -1 };
}

/// <summary>
/// A validated policy compiled into lookup tables and accumulator slots, so that one calculation does only
/// array indexing and decimal arithmetic. Build with <see cref="Compile"/> after <see cref="PolicyValidator"/>.
/// </summary>
public sealed class CompiledPolicy
{
    private readonly Dictionary<string, int> _insutypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _diseases = new(StringComparer.Ordinal);
    private readonly List<string> _slotNames = [];
    private readonly Dictionary<string, int> _slotIndex = new(StringComparer.Ordinal);
    private int[] _table = [];
    private int _nCat;
    private int _nDis;
    private int _nSchemeIns;

    private CompiledPolicy(PolicyDocument doc) => Document = doc;

    public PolicyDocument Document { get; }
    public string Id => Document.Id;
    public string PoolArea => Document.PoolArea;
    public CompiledScheme[] Schemes { get; private set; } = [];
    public CompiledLayer[] Layers { get; private set; } = [];
    public (int Insutype, VisitTypeSet Visits, AccountRule Rule)[] AccountRules { get; private set; } = [];
    public IReadOnlyList<string> SlotNames => _slotNames;
    public int SlotCount => _slotNames.Count;

    public int SlotIndex(string name) => _slotIndex.TryGetValue(name, out var i) ? i : -1;

    /// <summary>Compiles a policy; throws <see cref="PolicyValidationException"/> when the validator reports errors.</summary>
    public static CompiledPolicy Compile(PolicyDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var errors = PolicyValidator.Validate(doc);
        if (errors.Count > 0)
        {
            throw new PolicyValidationException(errors);
        }

        var p = new CompiledPolicy(doc);
        p.Build();
        return p;
    }

    private int Slot(string name)
    {
        if (!_slotIndex.TryGetValue(name, out var i))
        {
            i = _slotNames.Count;
            _slotNames.Add(name);
            _slotIndex[name] = i;
        }

        return i;
    }

    private int Insutype(string code)
    {
        if (!_insutypes.TryGetValue(code, out var i))
        {
            i = _insutypes.Count;
            _insutypes[code] = i;
        }

        return i;
    }

    private ulong StatusMaskOf(IEnumerable<string>? codes)
    {
        ulong m = 0;
        foreach (var c in codes ?? [])
        {
            if (_statuses.TryGetValue(c, out var i))
            {
                m |= 1UL << i;
            }
        }

        return m;
    }

    private ulong CategoryMaskOf(IEnumerable<string>? codes)
    {
        ulong m = 0;
        foreach (var c in codes ?? [])
        {
            if (_categories.TryGetValue(c, out var i))
            {
                m |= 1UL << i;
            }
        }

        return m;
    }

    private static Band[] CompileBands(List<BandDef> bands)
    {
        var r = new Band[bands.Count];
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = new Band(bands[i].From, bands[i].To ?? decimal.MaxValue, bands[i].Ratio);
        }

        return r;
    }

    private void Build()
    {
        var d = Document;
        foreach (var c in d.PersonCategories)
        {
            _categories[c.Code] = _categories.Count;
        }

        foreach (var s in d.SpecialStatuses)
        {
            _statuses[s.Code] = _statuses.Count;
        }

        foreach (var s in d.ChronicDiseases)
        {
            _diseases[s.Code] = _diseases.Count + 1;
        }

        foreach (var s in d.Schemes)
        {
            Insutype(s.Insutype);
        }

        _nCat = Math.Max(1, _categories.Count);
        _nDis = _diseases.Count + 1;
        var nSchemeIns = _insutypes.Count;
        _nSchemeIns = nSchemeIns;

        var schemes = new CompiledScheme[d.Schemes.Count];
        for (var i = 0; i < schemes.Length; i++)
        {
            var s = d.Schemes[i];
            var dg = s.Deductible?.Group ?? s.Id;
            schemes[i] = new CompiledScheme
            {
                Def = s,
                Bands = CompileBands(s.Bands),
                DeductibleAmount = s.Deductible?.Amount ?? 0m,
                DeductibleBasis = s.Deductible?.Basis ?? DeductibleBasis.PerVisit,
                SubsequentFactors = [.. s.Deductible?.SubsequentFactors ?? []],
                StatusFactors = (s.Deductible?.StatusFactors ?? []).Select(f => (StatusMaskOf([f.Status]), f.Factor)).ToArray(),
                Adjustments = s.Adjustments.Select(a => (CategoryMaskOf(a.Categories), a.RatioBonus)).ToArray(),
                AnnualCap = s.AnnualCap,
                FixedAmount = s.FixedAmount,
                DeductibleSlot = Slot("deductible:" + dg),
                VisitSlot = Slot("visits:" + dg),
                BandSlot = s.BandBasis == BandBasis.PerYear ? Slot("band:" + (s.BandGroup ?? s.Id)) : -1,
                CapSlot = Slot("basic_paid:" + (s.CapGroup ?? s.Id)),
            };
        }

        Schemes = schemes;

        // Lookup table: insutype × category × visit × disease × level × place → scheme (first match wins; validator rejects overlaps in required coverage).
        _table = new int[nSchemeIns * _nCat * 4 * _nDis * 4 * 4];
        Array.Fill(_table, -1);
        for (var si = 0; si < schemes.Length; si++)
        {
            var s = schemes[si].Def;
            var ins = _insutypes[s.Insutype];
            var cats = s.PersonCategories is { Count: > 0 } ? s.PersonCategories.Select(c => _categories[c]).ToArray() : Enumerable.Range(0, _nCat).ToArray();
            int[] dis = s.VisitType == VisitType.ChronicOutpatient
                ? (s.Diseases is { Count: > 0 } ? s.Diseases.Select(x => _diseases[x]).ToArray() : Enumerable.Range(1, _nDis - 1).ToArray())
                : [0];
            var levels = s.Levels is { Count: > 0 } ? s.Levels.ToArray() : [0, 1, 2, 3];
            var places = s.Places is { Count: > 0 } ? s.Places.Select(PlaceIndex).ToArray() : [0, 1, 2, 3];
            foreach (var c in cats)
            {
                foreach (var di in dis)
                {
                    foreach (var lv in levels)
                    {
                        foreach (var pl in places)
                        {
                            var k = Key(ins, c, s.VisitType.Index(), di, lv, pl);
                            if (_table[k] < 0)
                            {
                                _table[k] = si;
                            }
                        }
                    }
                }
            }
        }

        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        Layers = d.Layers
            .Select((l, i) => (l, i))
            .OrderBy(x => (int)x.l.Kind).ThenBy(x => x.i)
            .Select(x => x.l)
            .Select(l => new CompiledLayer
            {
                Def = l,
                Bands = CompileBands(l.Bands),
                InsutypeIndex = l.Insutype is null ? -1 : Insutype(l.Insutype),
                Visits = l.VisitTypes is { Count: > 0 } ? l.VisitTypes.Aggregate(VisitTypeSet.None, (a, v) => a | v.ToSet()) : VisitTypeSet.All,
                CategoryMask = CategoryMaskOf(l.PersonCategories),
                StatusMask = StatusMaskOf(l.Statuses),
                ExclusiveGroup = l.ExclusiveGroup is null ? -1 : (groups.TryGetValue(l.ExclusiveGroup, out var g) ? g : groups[l.ExclusiveGroup] = groups.Count),
                Adjustments = l.Adjustments.Select(a => (StatusMaskOf(a.Statuses), a.ThresholdFactor, a.RatioBonus, a.NoCap)).ToArray(),
                BaseSlot = Slot("layer_base:" + l.Id),
                PaidSlot = Slot("layer_paid:" + l.Id),
            })
            .ToArray();

        AccountRules = d.Account
            .Select(a => (Insutype(a.Insutype), a.VisitTypes is { Count: > 0 } ? a.VisitTypes.Aggregate(VisitTypeSet.None, (x, v) => x | v.ToSet()) : VisitTypeSet.All, a))
            .ToArray();
    }

    private static int PlaceIndex(Place p) => p switch
    {
        Place.Local => 0,
        Place.Filed => 1,
        Place.Unfiled => 2,
        Place.Referral => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };

    private int Key(int ins, int cat, int visit, int dis, int level, int place) =>
        (((((((ins * _nCat) + cat) * 4) + visit) * _nDis + dis) * 4) + level) * 4 + place;

    /// <summary>Resolves the person's codes against this policy (unknown codes are ignored; category -1 when unknown).</summary>
    /// <summary>The bit of a 险种 code in <see cref="PersonKey.InsutypeMask"/> (0 when the policy does not name it).</summary>
    public ulong InsutypeMaskOf(string code) => _insutypes.TryGetValue(code, out var i) ? 1UL << i : 0UL;

    public PersonKey Resolve(PersonSnapshot person)
    {
        ArgumentNullException.ThrowIfNull(person);
        ulong insMask = 0;
        Span<int> ins = [-1, -1, -1, -1];
        var n = 0;
        var insutypes = person.Insutypes;
        for (var k = 0; k < insutypes.Count; k++)
        {
            if (_insutypes.TryGetValue(insutypes[k], out var i))
            {
                insMask |= 1UL << i;
                if (n < 4)
                {
                    ins[n++] = i;
                }
            }
        }

        var cat = _categories.TryGetValue(person.Category, out var ci) ? ci : -1;
        ulong st = 0;
        var statuses = person.Statuses;
        for (var k = 0; k < statuses.Count; k++)
        {
            if (_statuses.TryGetValue(statuses[k], out var si))
            {
                st |= 1UL << si;
            }
        }

        return new PersonKey(insMask, ins[0], ins[1], ins[2], ins[3], cat, st);
    }

    /// <summary>The scheme for the person's first 险种 that has one for this encounter, or -1.</summary>
    public int FindScheme(in PersonKey person, VisitType visit, string? chronicDisease, int level, Place place)
    {
        if (person.Category < 0 || level is < 0 or > 3)
        {
            return -1;
        }

        var dis = 0;
        if (visit == VisitType.ChronicOutpatient && (chronicDisease is null || !_diseases.TryGetValue(chronicDisease, out dis)))
        {
            return -1;
        }

        var nIns = _nSchemeIns;
        for (var k = 0; k < 4; k++)
        {
            var ins = person.InsutypeAt(k);
            if (ins < 0 || ins >= nIns || _table.Length == 0)
            {
                continue;
            }

            var key = Key(ins, person.Category, visit.Index(), dis, level, PlaceIndex(place));
            if (key < _table.Length && _table[key] >= 0)
            {
                return _table[key];
            }
        }

        return -1;
    }

    public string? CategoryName(string code) => Document.PersonCategories.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal))?.Name;
}

/// <summary>Thrown when a policy file fails validation.</summary>
public sealed class PolicyValidationException(IReadOnlyList<string> errors)
    : Exception("政策参数校验未通过：" + string.Join("；", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
