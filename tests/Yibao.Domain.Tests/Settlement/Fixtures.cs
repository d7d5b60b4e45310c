using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Policies;
using Yibao.Domain.Settlement;

namespace Yibao.Domain.Tests.Settlement;

/// <summary>Shared fixtures: the 示范县 sample policy and the demo catalog.</summary>
public static class Fixtures
{
    public const string Bed = "001102000010000";       // 甲, 限价 30
    public const string Ultrasound = "002201010010000"; // 甲
    public const string Blood = "002503010010000";      // 甲
    public const string Ct = "002101010010000";         // 乙 10%
    public const string Health = "ZX99ZZZ0001010100009"; // 丙
    public const string Ceftriaxone = "XJ01DDA051B002010100002"; // 乙 10%, 限价 8.50, ≤4/日
    public const string Bevacizumab = "XL01XC079B001010100003";  // 乙 30% (示范县 20%), 限 C18/C19/C20/C34, ≥二级
    public const string Amlodipine = "XC08CAA003A001010100005";  // 甲
    public const string General = "001101000010000";    // 甲, 限门诊
    public const string Danshen = "ZA12BAA0001010100008"; // 乙 10% (示范县 5%)
    public const string KidSyrup = "XR05CBA118A001010100007"; // 甲, ≤14 岁
    public const string Stent = "C0301010000001000000000001"; // 乙 20%, 限价 800, ≤2/次住院
    public const string Progesterone = "XG03DAA095B002010100006"; // 乙, 限女性

    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Yibao.slnx")))
        {
            d = d.Parent;
        }

        return d?.FullName ?? throw new InvalidOperationException("找不到仓库根目录 (Yibao.slnx)");
    }

    public static string SamplePolicyPath => Path.Combine(RepoRoot, "samples", "policies", "shifanxian-2025.json");

    public static PolicyDocument LoadSampleDocument() => PolicyJson.Parse(File.ReadAllText(SamplePolicyPath));

    public static CompiledPolicy Policy { get; } = CompiledPolicy.Compile(LoadSampleDocument());

    public static Catalog Catalog { get; } = new(DemoCatalogGenerator.Generate(), DemoCatalogGenerator.Diagnoses);

    public static SettlementCalculator Calculator { get; } = new(Policy, Catalog);

    public static PersonSnapshot Resident(string psn = "R1", params string[] statuses) => new()
    {
        PsnNo = psn, Insutypes = ["390", "392"], Category = "21", Statuses = statuses, Age = 45, Gender = Gender.Male,
    };

    public static PersonSnapshot Employee(bool retired = false, decimal balance = 0m, params string[] insutypes) => new()
    {
        PsnNo = "E1", Insutypes = insutypes.Length > 0 ? insutypes : ["310", "330"], Category = retired ? "12" : "11",
        Age = retired ? 66 : 45, Gender = Gender.Male, AccountBalance = balance,
    };

    public static Encounter Inpatient(InstitutionLevel level, string id = "E", Place place = Place.Local, DateOnly? admission = null, int days = 10, params string[] diagnoses) => new()
    {
        Id = id, VisitType = VisitType.Inpatient, InstitutionLevel = level, Place = place,
        AdmissionDate = admission ?? new DateOnly(2025, 3, 1), DischargeDate = (admission ?? new DateOnly(2025, 3, 1)).AddDays(days),
        Diagnoses = diagnoses.Length > 0 ? diagnoses : ["J18.900"],
    };

    public static Encounter Outpatient(InstitutionLevel level, DateOnly date, string id = "O") => new()
    {
        Id = id, VisitType = VisitType.GeneralOutpatient, InstitutionLevel = level, AdmissionDate = date, DischargeDate = date, Diagnoses = ["I10.x00"],
    };

    public static FeeLine Line(string code, decimal qty, decimal price, decimal? amount = null) =>
        new(code, qty, price, amount ?? Math.Round(qty * price, 2, MidpointRounding.AwayFromZero));

    public static decimal Acc(SettlementResult r, string slot) => r.Accumulators[Policy.SlotIndex(slot)];
}
