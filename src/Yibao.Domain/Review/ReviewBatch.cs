using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;

namespace Yibao.Domain.Review;

/// <summary>Interns codes (医保目录编码, ICD codes) to dense ints so the engine works over int arrays.</summary>
public sealed class CodeTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _codes = [];

    public int Count => _codes.Count;

    public int Intern(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (_ids.TryGetValue(code, out var id))
        {
            return id;
        }

        id = _codes.Count;
        _ids.Add(code, id);
        _codes.Add(code);
        return id;
    }

    /// <summary>Id of a code, or -1.</summary>
    public int Find(string code) => _ids.TryGetValue(code, out var id) ? id : -1;

    /// <summary>The code of an id; ids of codes unknown to a read-only builder give "（目录外项目）".</summary>
    public string this[int id] => (uint)id < (uint)_codes.Count ? _codes[id] : "（目录外项目）";

    /// <summary>Id used for codes a read-only builder does not know: no rule matches it.</summary>
    public const int Unknown = int.MaxValue;
}

/// <summary>
/// A columnar batch for the review engine: persons, encounters and fee lines in plain arrays (structure of arrays).
/// Money is in 分 (long), quantity in thousandths (long), unit price in 1/10000 元 (long), dates are
/// <see cref="DateOnly.DayNumber"/>. Lines may come in any order; the engine groups them itself.
/// Build it with <see cref="ReviewBatchBuilder"/>.
/// </summary>
public sealed class ReviewBatch
{
    internal ReviewBatch(CodeTable items, CodeTable diagnoses) => (Items, Diagnoses) = (items, diagnoses);

    public CodeTable Items { get; }

    public CodeTable Diagnoses { get; }

    // Persons
    public int PersonCount { get; internal set; }
    internal byte[] PersonGender = [];
    internal int[] PersonBirth = [];
    internal int[] PersonDeath = [];
    /// <summary>Coverage periods of person p: CoverageFrom/To[CoverageStart[p] .. CoverageStart[p+1]).</summary>
    internal int[] CoverageStart = [0];
    internal int[] CoverageFrom = [];
    internal int[] CoverageTo = [];

    // Encounters
    public int EncounterCount { get; internal set; }
    internal int[] EncPerson = [];
    internal int[] EncInstitution = [];
    internal byte[] EncLevel = [];
    internal byte[] EncInstType = [];
    internal byte[] EncVisit = [];
    internal int[] EncInsutype = [];
    internal int[] EncAdmission = [];
    internal int[] EncDischarge = [];
    /// <summary>Diagnoses of encounter e (the first is the main one): EncDiag[EncDiagStart[e] .. EncDiagStart[e+1]).</summary>
    internal int[] EncDiagStart = [0];
    internal int[] EncDiag = [];

    // Fee lines
    public int LineCount { get; internal set; }
    internal int[] LineEncounter = [];
    internal int[] LineItem = [];
    internal int[] LineDate = [];
    internal long[] LineQty = [];
    internal long[] LinePrice = [];
    internal long[] LineAmount = [];
    internal int[] LineSupplyDays = [];

    public int LineEncounterOf(int line) => LineEncounter[line];

    public decimal LineAmountOf(int line) => LineAmount[line] / 100m;

    public long LineAmountFen(int line) => LineAmount[line];

    public int LineItemId(int line) => LineItem[line];

    public int LineDayNumber(int line) => LineDate[line];

    /// <summary>Quantity × 1000.</summary>
    public long LineQuantityMilli(int line) => LineQty[line];

    /// <summary>Unit price × 10000 (元).</summary>
    public long LinePriceTenThousandth(int line) => LinePrice[line];

    public int EncounterAdmissionDay(int encounter) => EncAdmission[encounter];

    public int EncounterDischargeDay(int encounter) => EncDischarge[encounter];

    /// <summary>Diagnosis codes of an encounter, the main one first.</summary>
    public string[] EncounterDiagnoses(int encounter)
    {
        var list = new string[EncDiagStart[encounter + 1] - EncDiagStart[encounter]];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = Diagnoses[EncDiag[EncDiagStart[encounter] + i]];
        }

        return list;
    }

    public int PersonOfEncounter(int encounter) => EncPerson[encounter];

    public int InstitutionOfEncounter(int encounter) => EncInstitution[encounter];

    public string LineItemCodeOf(int line) => Items[LineItem[line]];
}

/// <summary>Builds a <see cref="ReviewBatch"/>; indexes returned by the Add methods are the ids used in flags.</summary>
public sealed class ReviewBatchBuilder
{
    private readonly ReviewBatch _b;
    private readonly List<int> _covFrom = [], _covTo = [], _covStart = [0], _diag = [], _diagStart = [0];
    private readonly bool _readOnlyItems;

    /// <summary>
    /// readOnlyItems: look codes up without adding them (codes no rule names get <see cref="CodeTable.Unknown"/>), so one
    /// table can be shared by concurrent 事中 checks.
    /// </summary>
    public ReviewBatchBuilder(CodeTable items, CodeTable? diagnoses = null, int lineCapacity = 1024, int encounterCapacity = 64, int personCapacity = 16,
        bool readOnlyItems = false)
    {
        _readOnlyItems = readOnlyItems;
        _b = new ReviewBatch(items ?? throw new ArgumentNullException(nameof(items)), diagnoses ?? new CodeTable());
        _b.PersonGender = new byte[personCapacity];
        _b.PersonBirth = new int[personCapacity];
        _b.PersonDeath = new int[personCapacity];
        _b.EncPerson = new int[encounterCapacity];
        _b.EncInstitution = new int[encounterCapacity];
        _b.EncLevel = new byte[encounterCapacity];
        _b.EncInstType = new byte[encounterCapacity];
        _b.EncVisit = new byte[encounterCapacity];
        _b.EncInsutype = new int[encounterCapacity];
        _b.EncAdmission = new int[encounterCapacity];
        _b.EncDischarge = new int[encounterCapacity];
        _b.LineEncounter = new int[lineCapacity];
        _b.LineItem = new int[lineCapacity];
        _b.LineDate = new int[lineCapacity];
        _b.LineQty = new long[lineCapacity];
        _b.LinePrice = new long[lineCapacity];
        _b.LineAmount = new long[lineCapacity];
        _b.LineSupplyDays = new int[lineCapacity];
    }

    public CodeTable Items => _b.Items;

    /// <summary>Adds a person with coverage periods (参保期, inclusive); returns the person index.</summary>
    public int AddPerson(Gender gender, DateOnly birthDate, DateOnly? deathDate, params ReadOnlySpan<(DateOnly From, DateOnly To)> coverage)
    {
        var i = _b.PersonCount;
        if (i == _b.PersonGender.Length)
        {
            var n = Math.Max(16, i * 2);
            Array.Resize(ref _b.PersonGender, n);
            Array.Resize(ref _b.PersonBirth, n);
            Array.Resize(ref _b.PersonDeath, n);
        }

        _b.PersonGender[i] = (byte)gender;
        _b.PersonBirth[i] = birthDate.DayNumber;
        _b.PersonDeath[i] = deathDate?.DayNumber ?? int.MaxValue;
        foreach (var (from, to) in coverage)
        {
            _covFrom.Add(from.DayNumber);
            _covTo.Add(to.DayNumber);
        }

        _covStart.Add(_covFrom.Count);
        _b.PersonCount = i + 1;
        return i;
    }

    /// <summary>Adds an encounter (就诊); diagnoses: the main one first; returns the encounter index.</summary>
    public int AddEncounter(int person, int institution, InstitutionLevel level, InstitutionType institutionType, VisitType visitType,
        string insutype, DateOnly admission, DateOnly discharge, params ReadOnlySpan<string> diagnoses)
    {
        if ((uint)person >= (uint)_b.PersonCount)
        {
            throw new ArgumentOutOfRangeException(nameof(person), "人员序号不存在");
        }

        var i = _b.EncounterCount;
        if (i == _b.EncPerson.Length)
        {
            var n = Math.Max(64, i * 2);
            Array.Resize(ref _b.EncPerson, n);
            Array.Resize(ref _b.EncInstitution, n);
            Array.Resize(ref _b.EncLevel, n);
            Array.Resize(ref _b.EncInstType, n);
            Array.Resize(ref _b.EncVisit, n);
            Array.Resize(ref _b.EncInsutype, n);
            Array.Resize(ref _b.EncAdmission, n);
            Array.Resize(ref _b.EncDischarge, n);
        }

        _b.EncPerson[i] = person;
        _b.EncInstitution[i] = institution;
        _b.EncLevel[i] = (byte)level;
        _b.EncInstType[i] = (byte)institutionType;
        _b.EncVisit[i] = (byte)visitType.Index();
        _b.EncInsutype[i] = int.TryParse(insutype, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var it) ? it : 0;
        _b.EncAdmission[i] = admission.DayNumber;
        _b.EncDischarge[i] = Math.Max(admission.DayNumber, discharge.DayNumber);
        foreach (var d in diagnoses)
        {
            _diag.Add(_b.Diagnoses.Intern(d));
        }

        _diagStart.Add(_diag.Count);
        _b.EncounterCount = i + 1;
        return i;
    }

    /// <summary>Adds a fee line; supplyDays = days of supply of a drug (0 when not applicable); returns the line index.</summary>
    public int AddLine(int encounter, string itemCode, DateOnly date, decimal quantity, decimal unitPrice, decimal amount, int supplyDays = 0) =>
        AddLine(encounter, ItemId(itemCode), date.DayNumber, (long)decimal.Round(quantity * 1000m, MidpointRounding.AwayFromZero),
            (long)decimal.Round(unitPrice * 10000m, MidpointRounding.AwayFromZero), (long)decimal.Round(amount * 100m, MidpointRounding.AwayFromZero), supplyDays);

    private int ItemId(string code)
    {
        if (!_readOnlyItems)
        {
            return _b.Items.Intern(code);
        }

        var id = _b.Items.Find(code);
        return id < 0 ? CodeTable.Unknown : id;
    }

    /// <summary>Raw form: item id from <see cref="Items"/>, day number, quantity ×1000, price ×10000, amount in 分.</summary>
    public int AddLine(int encounter, int itemId, int dayNumber, long quantityMilli, long priceTenThousandth, long amountFen, int supplyDays)
    {
        if ((uint)encounter >= (uint)_b.EncounterCount)
        {
            throw new ArgumentOutOfRangeException(nameof(encounter), "就诊序号不存在");
        }

        var i = _b.LineCount;
        if (i == _b.LineEncounter.Length)
        {
            var n = Math.Max(1024, i * 2);
            Array.Resize(ref _b.LineEncounter, n);
            Array.Resize(ref _b.LineItem, n);
            Array.Resize(ref _b.LineDate, n);
            Array.Resize(ref _b.LineQty, n);
            Array.Resize(ref _b.LinePrice, n);
            Array.Resize(ref _b.LineAmount, n);
            Array.Resize(ref _b.LineSupplyDays, n);
        }

        _b.LineEncounter[i] = encounter;
        _b.LineItem[i] = itemId;
        _b.LineDate[i] = dayNumber;
        _b.LineQty[i] = quantityMilli;
        _b.LinePrice[i] = priceTenThousandth;
        _b.LineAmount[i] = amountFen;
        _b.LineSupplyDays[i] = supplyDays;
        _b.LineCount = i + 1;
        return i;
    }

    /// <summary>Makes room for at least <paramref name="lines"/> fee lines in total (one resize instead of repeated doubling).</summary>
    public void EnsureLineCapacity(int lines)
    {
        if (lines <= _b.LineEncounter.Length)
        {
            return;
        }

        Array.Resize(ref _b.LineEncounter, lines);
        Array.Resize(ref _b.LineItem, lines);
        Array.Resize(ref _b.LineDate, lines);
        Array.Resize(ref _b.LineQty, lines);
        Array.Resize(ref _b.LinePrice, lines);
        Array.Resize(ref _b.LineAmount, lines);
        Array.Resize(ref _b.LineSupplyDays, lines);
    }

    /// <summary>
    /// Bulk raw form of <see cref="AddLine(int, int, int, long, long, long, int)"/> (the database readers' path): all spans have the
    /// same length (<paramref name="supplyDays"/>: 用药天数 per line, 0 when not a drug); returns the index of the first line added.
    /// </summary>
    public int AddLines(ReadOnlySpan<int> encounters, ReadOnlySpan<int> itemIds, ReadOnlySpan<int> dayNumbers, ReadOnlySpan<long> quantityMilli,
        ReadOnlySpan<long> priceTenThousandth, ReadOnlySpan<long> amountFen, ReadOnlySpan<int> supplyDays)
    {
        var n = encounters.Length;
        if (itemIds.Length != n || dayNumbers.Length != n || quantityMilli.Length != n || priceTenThousandth.Length != n || amountFen.Length != n || supplyDays.Length != n)
        {
            throw new ArgumentException("费用明细各列长度不一致", nameof(encounters));
        }

        foreach (var e in encounters)
        {
            if ((uint)e >= (uint)_b.EncounterCount)
            {
                throw new ArgumentOutOfRangeException(nameof(encounters), "就诊序号不存在");
            }
        }

        var first = _b.LineCount;
        if (first + n > _b.LineEncounter.Length)
        {
            EnsureLineCapacity(Math.Max(first + n, Math.Max(1024, first * 2)));
        }

        encounters.CopyTo(_b.LineEncounter.AsSpan(first));
        itemIds.CopyTo(_b.LineItem.AsSpan(first));
        dayNumbers.CopyTo(_b.LineDate.AsSpan(first));
        quantityMilli.CopyTo(_b.LineQty.AsSpan(first));
        priceTenThousandth.CopyTo(_b.LinePrice.AsSpan(first));
        amountFen.CopyTo(_b.LineAmount.AsSpan(first));
        supplyDays.CopyTo(_b.LineSupplyDays.AsSpan(first));
        _b.LineCount = first + n;
        return first;
    }

    public ReviewBatch Build()
    {
        _b.CoverageStart = [.. _covStart];
        _b.CoverageFrom = [.. _covFrom];
        _b.CoverageTo = [.. _covTo];
        _b.EncDiagStart = [.. _diagStart];
        _b.EncDiag = [.. _diag];
        return _b;
    }
}
