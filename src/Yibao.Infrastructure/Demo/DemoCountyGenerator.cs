using System.Globalization;
using System.Text;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Registry;

namespace Yibao.Infrastructure.Demo;

/// <summary>What to generate.</summary>
/// <param name="Insured">Number of persons (exactly this many are generated).</param>
/// <param name="Seed">Same seed and same count give identical data, row for row.</param>
public sealed record DemoCountyOptions(int Insured = DemoCountyOptions.DefaultInsured, long Seed = DemoCountyOptions.DefaultSeed)
{
    public const int DefaultInsured = 20_000;
    public const long DefaultSeed = 20_261_122;

    /// <summary>
    /// Whether to write the year's 职工征缴 (policy, bases, plans, payments, 灵活就业); off for a registry on which staff run
    /// those jobs themselves (<c>yibao demo seed --without-contributions</c>).
    /// </summary>
    public bool EmployeeContributions { get; init; } = true;
}

/// <summary>
/// The fictional 示范县 as rows ready for the bulk loader. Areas, households, employers and institutions are
/// materialized (small); persons are produced lazily in id order from <see cref="Persons"/>, so a large county
/// streams without holding every person in memory. Enumerate <see cref="Persons"/> once per data set.
/// </summary>
public sealed class DemoCounty
{
    internal DemoCounty(DemoCountyOptions options, List<Area> areas, List<Household> households, List<int> householdSizes,
        List<Employer> employers, List<Institution> institutions)
    {
        Options = options;
        Areas = areas;
        Households = households;
        HouseholdSizes = householdSizes;
        Employers = employers;
        Institutions = institutions;
    }

    public DemoCountyOptions Options { get; }
    public IReadOnlyList<Area> Areas { get; }
    public IReadOnlyList<Household> Households { get; }
    internal IReadOnlyList<int> HouseholdSizes { get; }
    public IReadOnlyList<Employer> Employers { get; }
    public IReadOnlyList<Institution> Institutions { get; }
    public int PersonCount => Options.Insured;
    public int TownshipCount => Areas.Count(a => a.Level == AreaLevel.Township);
    public int VillageCount => Areas.Count(a => a.Level == AreaLevel.Village);

    /// <summary>Persons in id order (1…N), household by household.</summary>
    public IEnumerable<Person> Persons => DemoCountyGenerator.GeneratePersons(this);
}

/// <summary>
/// Deterministic generator of the fictional demo county 示范县 (行政区划代码 519999, see docs/cli.md):
/// townships and villages with generated names, households, persons with valid 公民身份号码, employers with
/// valid 统一社会信用代码, and designated medical institutions. Uses only <see cref="DemoRandom"/>: no clock,
/// no Guid, no shared state.
/// </summary>
public static class DemoCountyGenerator
{
    /// <summary>
    /// 示范县's code. 51 is a real province prefix (四川) so the code passes province checks, but prefecture 99 /
    /// county 99 is not used by any real county; the county is fictional.
    /// </summary>
    public const string CountyCode = "519999";

    public const string CountyName = "示范县";

    /// <summary>Ages are computed at this fixed date so the data never depends on when it was generated.</summary>
    public static readonly DateOnly ReferenceDate = new(2026, 1, 1);

    private static readonly double[] SurnameCumulative = DemoRandom.Cumulative(DemoNames.Surnames.Select(s => s.Weight).ToArray());

    /// <summary>Household sizes 1–6, rural distribution (many one- and two-person elderly households).</summary>
    private static readonly double[] HouseholdSizeCumulative = DemoRandom.Cumulative([0.16, 0.27, 0.21, 0.17, 0.11, 0.08]);

    private sealed record Village(string Code, string Name, string TownshipCode, string TownshipName, bool IsCommunity, double Weight);

    public static DemoCounty Generate(DemoCountyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Insured < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "参保人数须大于 0");
        }

        var seed = unchecked((ulong)options.Seed);
        var rng = DemoRandom.Derive(seed, 1);
        var areas = new List<Area> { new() { Code = CountyCode, Name = CountyName, Level = AreaLevel.County, ParentCode = null } };
        var villages = new List<Village>();
        var usedNames = new HashSet<string>(StringComparer.Ordinal);

        var townshipCount = rng.Between(10, 15);
        var townCode = 100;
        var xiangCode = 200;
        var townships = new List<(string Code, string Name)>();
        for (var t = 0; t < townshipCount; t++)
        {
            var isSeat = t == 0;
            var isTown = isSeat || rng.Chance(0.65);
            var name = isSeat ? "城关镇" : UniquePlaceName(rng, usedNames, isTown ? "镇" : "乡");
            var code = CountyCode + (isTown ? ++townCode : ++xiangCode).ToString("000", CultureInfo.InvariantCulture);
            areas.Add(new Area { Code = code, Name = name, Level = AreaLevel.Township, ParentCode = CountyCode });
            townships.Add((code, name));

            var villageCount = rng.Between(8, 20);
            var communities = isSeat ? rng.Between(3, 6) : isTown ? rng.Between(0, 2) : rng.Between(0, 1);
            communities = Math.Min(communities, villageCount - 1);
            var communityNo = 0;
            var villageNo = 200;
            for (var v = 0; v < villageCount; v++)
            {
                var isCommunity = v < communities;
                var vName = UniquePlaceName(rng, usedNames, isCommunity ? "社区" : "村");
                var vCode = code + (isCommunity ? ++communityNo : ++villageNo).ToString("000", CultureInfo.InvariantCulture);
                var weight = (isSeat ? (isCommunity ? 3.0 : 1.5) : isCommunity ? 1.6 : isTown ? 1.0 : 0.7) * (0.6 + (0.8 * rng.NextDouble()));
                areas.Add(new Area { Code = vCode, Name = vName, Level = AreaLevel.Village, ParentCode = code });
                villages.Add(new Village(vCode, vName, code, name, isCommunity, weight));
            }
        }

        var (households, sizes) = GenerateHouseholds(rng, villages, options.Insured);
        var employers = GenerateEmployers(DemoRandom.Derive(seed, 2), townships, options.Insured);
        var institutions = GenerateInstitutions(DemoRandom.Derive(seed, 3), townships, villages, options.Insured);
        return new DemoCounty(options, areas, households, sizes, employers, institutions);
    }

    private static string UniquePlaceName(DemoRandom rng, HashSet<string> used, string suffix)
    {
        while (true)
        {
            var core = rng.Pick(DemoNames.PlaceFirst) + rng.Pick(DemoNames.PlaceSecond);
            if (core[0] == core[1])
            {
                continue;
            }

            // Township and village names are unique in the county, ignoring the 镇/乡/村/社区 suffix.
            if (used.Add(core))
            {
                return core + suffix;
            }
        }
    }

    private static (List<Household>, List<int>) GenerateHouseholds(DemoRandom rng, List<Village> villages, int insured)
    {
        var totalWeight = villages.Sum(v => v.Weight);
        var households = new List<Household>(insured / 2);
        var sizes = new List<int>(insured / 2);
        var assigned = 0;
        long id = 0;
        for (var i = 0; i < villages.Count; i++)
        {
            var v = villages[i];
            var target = i == villages.Count - 1
                ? insured - assigned
                : Math.Min(insured - assigned, (int)Math.Round(insured * v.Weight / totalWeight, MidpointRounding.AwayFromZero));
            var seq = 0;
            var placed = 0;
            while (placed < target)
            {
                var size = Math.Min(rng.PickCumulative(HouseholdSizeCumulative) + 1, target - placed);
                seq++;
                var group = 1 + ((seq - 1) / 40);
                var address = string.Concat(CountyName, v.TownshipName, v.Name,
                    v.IsCommunity
                        ? string.Create(CultureInfo.InvariantCulture, $"{group}栋{rng.Between(1, 6)}单元{rng.Between(1, 7)}0{rng.Between(1, 4)}室")
                        : string.Create(CultureInfo.InvariantCulture, $"{group}组{seq}号"));
                households.Add(new Household
                {
                    Id = ++id,
                    HouseholdNo = v.Code + seq.ToString("00000", CultureInfo.InvariantCulture),
                    AreaCode = v.Code,
                    PoolAreaCode = CountyCode,
                    Address = address,
                });
                sizes.Add(size);
                placed += size;
            }

            assigned += placed;
        }

        return (households, sizes);
    }

    private readonly record struct Member(int Age, Gender Gender, string Surname);

    internal static IEnumerable<Person> GeneratePersons(DemoCounty county)
    {
        var seed = unchecked((ulong)county.Options.Seed);
        // Next free 顺序码 per birth date and gender, so every 公民身份号码 is unique.
        var nextMale = new Dictionary<int, int>();
        var nextFemale = new Dictionary<int, int>();
        var members = new List<Member>(6);
        var name = new StringBuilder(4);
        long personId = 0;
        for (var h = 0; h < county.Households.Count; h++)
        {
            var household = county.Households[h];
            var rng = DemoRandom.Derive(seed ^ 0x5EED_0000UL, (ulong)household.Id);
            members.Clear();
            ComposeHousehold(rng, county.HouseholdSizes[h], members);
            foreach (var m in members)
            {
                var birth = ReferenceDate.AddYears(-m.Age).AddDays(-rng.Between(1, 365));
                ResidentId certno;
                while (true)
                {
                    var counters = m.Gender == Gender.Male ? nextMale : nextFemale;
                    var day = birth.DayNumber;
                    counters.TryGetValue(day, out var k);
                    // Spread the first sequence numbers per date so they do not all start at 001.
                    var slot = ((day * 7) + k) % 499;
                    if (k < 499)
                    {
                        counters[day] = k + 1;
                        var sequence = m.Gender == Gender.Male ? (2 * slot) + 1 : (2 * slot) + 2;
                        certno = ResidentId.Create(CountyCode, birth, sequence);
                        break;
                    }

                    birth = birth.AddDays(-1);
                }

                name.Clear();
                name.Append(m.Surname);
                AppendGivenName(rng, name, birth.Year, m.Gender);
                personId++;
                yield return new Person
                {
                    Id = personId,
                    PersonNo = CountyCode + personId.ToString("00000000", CultureInfo.InvariantCulture),
                    ResidentId = certno,
                    Name = name.ToString(),
                    Gender = certno.Gender,
                    BirthDate = certno.BirthDate,
                    HouseholdId = household.Id,
                    AreaCode = household.AreaCode,
                    PoolAreaCode = CountyCode,
                    Phone = Phone(rng, m.Age),
                    Address = household.Address,
                };
            }
        }
    }

    /// <summary>
    /// Members of one household: ages follow a rural county's pyramid (many elderly living alone or as couples,
    /// working-age adults with children, grandparents living with grandchildren).
    /// </summary>
    private static void ComposeHousehold(DemoRandom rng, int size, List<Member> members)
    {
        var familySurname = Surname(rng);
        if (size == 1)
        {
            var age = rng.Chance(0.6) ? rng.Between(60, 95) : rng.Between(20, 59);
            members.Add(new Member(age, rng.Chance(0.55) ? Gender.Male : Gender.Female, familySurname));
            return;
        }

        int headAge;
        var kind = rng.NextDouble();
        if (size == 2 && kind < 0.55)
        {
            headAge = rng.Between(60, 92);
        }
        else if (size == 2 && kind < 0.8)
        {
            headAge = rng.Between(35, 59);
        }
        else if (size == 2)
        {
            // A parent with one child.
            headAge = rng.Between(32, 80);
            var male = rng.Chance(0.6);
            members.Add(new Member(headAge, male ? Gender.Male : Gender.Female, familySurname));
            members.Add(new Member(Math.Max(0, headAge - rng.Between(20, 34)), RandomGender(rng), familySurname));
            return;
        }
        else
        {
            headAge = rng.Between(26, 64);
        }

        var headMale = rng.Chance(0.85);
        members.Add(new Member(headAge, headMale ? Gender.Male : Gender.Female, familySurname));
        var spouseAge = Math.Max(20, headAge + (headMale ? -rng.Between(-2, 5) : rng.Between(-2, 5)));
        members.Add(new Member(spouseAge, headMale ? Gender.Female : Gender.Male, Surname(rng)));

        var parents = 0;
        var lastChildAge = headAge - rng.Between(21, 33);
        for (var i = 2; i < size; i++)
        {
            var wantParent = parents < 2 && (lastChildAge < 0 || rng.Chance(headAge >= 40 ? 0.35 : 0.25));
            var parentAge = headAge + rng.Between(22, 32);
            if (wantParent && parentAge <= 99)
            {
                // The head's father carries the family surname; the mother has her own.
                var father = parents == 0 && rng.Chance(0.45);
                members.Add(new Member(parentAge, father ? Gender.Male : Gender.Female, father ? familySurname : Surname(rng)));
                parents++;
                continue;
            }

            var childAge = Math.Max(0, lastChildAge);
            if (childAge >= 24 && rng.Chance(0.5))
            {
                // An adult child's own child living with the grandparents (留守儿童).
                childAge = Math.Max(0, childAge - rng.Between(22, 30));
            }

            members.Add(new Member(childAge, RandomGender(rng), familySurname));
            lastChildAge -= rng.Between(1, 6);
        }
    }

    private static Gender RandomGender(DemoRandom rng) => rng.Chance(0.52) ? Gender.Male : Gender.Female;

    private static string Surname(DemoRandom rng) => DemoNames.Surnames[rng.PickCumulative(SurnameCumulative)].Name;

    private static void AppendGivenName(DemoRandom rng, StringBuilder sb, int birthYear, Gender gender)
    {
        var male = gender == Gender.Male;
        if (birthYear < 1965 && rng.Chance(0.8))
        {
            sb.Append(rng.Pick(male ? DemoNames.OldMale : DemoNames.OldFemale));
            return;
        }

        var chars = male ? DemoNames.MaleChars : DemoNames.FemaleChars;
        var first = rng.Pick(chars);
        sb.Append(first);
        // Characters such as 子/思/嘉 only start two-character names.
        if (DemoNames.LeadingOnly.Contains(first) || rng.Chance(birthYear >= 2000 ? 0.75 : 0.6))
        {
            string second;
            do
            {
                second = rng.Pick(chars);
            }
            while (second == first || DemoNames.LeadingOnly.Contains(second));

            sb.Append(second);
        }
    }

    private static string? Phone(DemoRandom rng, int age)
    {
        var has = age switch
        {
            < 16 => false,
            >= 80 => rng.Chance(0.4),
            _ => rng.Chance(0.93),
        };
        if (!has)
        {
            return null;
        }

        return rng.Pick(DemoNames.PhonePrefixes) + rng.Next(100_000_000).ToString("00000000", CultureInfo.InvariantCulture);
    }

    private static List<Employer> GenerateEmployers(DemoRandom rng, List<(string Code, string Name)> townships, int insured)
    {
        var count = Math.Max(4, insured / 40);
        var employers = new List<Employer>(count);
        var usedBodies = new HashSet<string>(StringComparer.Ordinal);
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        var organs = new Queue<string>(DemoNames.CountyOrgans.Select(o => CountyName + o)
            .Concat(townships.Select(t => t.Name + "人民政府")));
        var publicInstitutions = new Queue<string>(DemoNames.CountyPublicInstitutions.Select(o => CountyName + o)
            .Concat(townships.SelectMany(t => DemoNames.TownshipPublicInstitutions.Select(p => t.Name + p))));

        for (var i = 1; i <= count; i++)
        {
            var roll = rng.NextDouble();
            EmployerType type;
            string name;
            string prefix;
            var township = rng.Pick(townships);
            if (roll < 0.05 && organs.Count > 0)
            {
                type = EmployerType.GovernmentOrgan;
                name = organs.Dequeue();
                prefix = "11";
            }
            else if (roll < 0.20 && publicInstitutions.Count > 0)
            {
                type = EmployerType.PublicInstitution;
                name = publicInstitutions.Dequeue();
                prefix = "12";
            }
            else if (roll < 0.75)
            {
                type = EmployerType.Enterprise;
                // 农民专业合作社 (机构类别码 93) only for farming trades; other trades are companies (91).
                var trade = rng.Pick(DemoNames.EnterpriseTrades);
                var cooperative = DemoNames.FarmingTrades.Contains(trade) && rng.Chance(0.4);
                name = UniqueName(rng, usedNames, () =>
                    CountyName + rng.Pick(DemoNames.PlaceFirst) + rng.Pick(DemoNames.PlaceSecond) + trade + (cooperative ? "专业合作社" : rng.Pick(DemoNames.EnterpriseSuffixes)));
                prefix = cooperative ? "93" : "91";
            }
            else
            {
                type = EmployerType.IndividualBusiness;
                name = UniqueName(rng, usedNames, () =>
                    CountyName + township.Name + Surname(rng) + "记" + rng.Pick(DemoNames.ShopTrades));
                prefix = "92";
            }

            usedNames.Add(name);
            string body;
            do
            {
                var sb = new StringBuilder(9);
                for (var c = 0; c < 8; c++)
                {
                    sb.Append(CreditCode.Alphabet[rng.Next(CreditCode.Alphabet.Length)]);
                }

                sb.Append((char)('0' + rng.Next(10)));
                body = sb.ToString();
            }
            while (!usedBodies.Add(body));

            employers.Add(new Employer
            {
                Id = i,
                EmployerNo = "E" + CountyCode + i.ToString("000000", CultureInfo.InvariantCulture),
                CreditCode = CreditCode.Create(prefix + CountyCode + body),
                Name = name,
                Type = type,
                Status = rng.Chance(0.03) ? EmployerStatus.Suspended : EmployerStatus.Active,
                PoolAreaCode = CountyCode,
                Address = string.Create(CultureInfo.InvariantCulture, $"{CountyName}{township.Name}{rng.Pick(DemoNames.PlaceFirst)}{rng.Pick(DemoNames.PlaceSecond)}路{rng.Between(1, 300)}号"),
            });
        }

        return employers;
    }

    private static string UniqueName(DemoRandom rng, HashSet<string> used, Func<string> make)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var n = make();
            if (!used.Contains(n))
            {
                return n;
            }
        }

        var baseName = make();
        for (var k = 2; ; k++)
        {
            var n = string.Create(CultureInfo.InvariantCulture, $"{baseName}（{k}）");
            if (!used.Contains(n))
            {
                return n;
            }
        }
    }

    private static List<Institution> GenerateInstitutions(DemoRandom rng, List<(string Code, string Name)> townships, List<Village> villages, int insured)
    {
        var list = new List<Institution>();
        var seat = townships[0];
        var h = 0;
        long id = 0;
        void Add(char kind, int no, string name, InstitutionType type, InstitutionLevel level, string areaCode, string address) =>
            list.Add(new Institution
            {
                Id = ++id,
                Code = kind + CountyCode + no.ToString("00000", CultureInfo.InvariantCulture),
                Name = name,
                Type = type,
                Level = level,
                Status = AgreementStatus.Active,
                PoolAreaCode = CountyCode,
                AreaCode = areaCode,
                Address = address,
            });

        Add('H', ++h, CountyName + "人民医院", InstitutionType.Hospital, InstitutionLevel.Second, seat.Code, CountyName + seat.Name + "人民路1号");
        Add('H', ++h, CountyName + "中医医院", InstitutionType.Hospital, InstitutionLevel.Second, seat.Code, CountyName + seat.Name + "健康路8号");
        Add('H', ++h, CountyName + "妇幼保健院", InstitutionType.Hospital, InstitutionLevel.Second, seat.Code, CountyName + seat.Name + "新华街26号");
        for (var t = 0; t < townships.Count; t++)
        {
            var (code, name) = townships[t];
            var central = t == 0 || rng.Chance(0.25);
            Add('H', ++h, name + (central ? "中心卫生院" : "卫生院"), InstitutionType.PrimaryCare, InstitutionLevel.First, code,
                string.Create(CultureInfo.InvariantCulture, $"{CountyName}{name}正街{rng.Between(1, 120)}号"));
        }

        foreach (var v in villages)
        {
            if (!rng.Chance(0.85))
            {
                continue;
            }

            var clinic = v.IsCommunity ? "社区卫生服务站" : "卫生室";
            Add('H', ++h, v.TownshipName + v.Name + clinic, InstitutionType.VillageClinic, InstitutionLevel.Unrated, v.Code,
                CountyName + v.TownshipName + v.Name);
        }

        var pharmacies = Math.Max(1, (int)Math.Round(insured / 3000.0, MidpointRounding.AwayFromZero));
        var cumulative = DemoRandom.Cumulative(villages.Select(v => v.Weight * (v.IsCommunity ? 4 : 1)).ToArray());
        var branches = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 1; p <= pharmacies; p++)
        {
            var v = villages[rng.PickCumulative(cumulative)];
            var brand = rng.Pick(DemoNames.PharmacyBrands);
            var key = brand + v.TownshipName;
            branches.TryGetValue(key, out var n);
            branches[key] = ++n;
            var branch = n == 1 ? v.TownshipName[..^1] + "店" : string.Create(CultureInfo.InvariantCulture, $"{v.TownshipName[..^1]}{n}店");
            var id0 = id;
            list.Add(new Institution
            {
                Id = id0 + 1,
                Code = "P" + CountyCode + p.ToString("00000", CultureInfo.InvariantCulture),
                Name = $"{CountyName}{brand}大药房（{branch}）",
                Type = InstitutionType.Pharmacy,
                Level = InstitutionLevel.Unrated,
                Status = AgreementStatus.Active,
                PoolAreaCode = CountyCode,
                AreaCode = v.Code,
                Address = string.Create(CultureInfo.InvariantCulture, $"{CountyName}{v.TownshipName}{v.Name}{rng.Between(1, 200)}号"),
            });
            id = id0 + 1;
        }

        return list;
    }
}
