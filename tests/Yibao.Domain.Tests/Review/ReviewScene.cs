using System.Globalization;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Review;

namespace Yibao.Domain.Tests.Review;

/// <summary>Hand-made review data: persons, encounters and lines with readable defaults (codes of the demo catalog).</summary>
internal sealed class ReviewScene
{
    public const string Progesterone = "XG03DAA095B002010100006";  // 黄体酮注射液 (女)
    public const string ChildAmbroxol = "XR05CBA118A001010100007"; // 小儿氨溴索 (≤ 14 岁)
    public const string Bevacizumab = "XL01XC079B001010100003";   // 贝伐珠单抗 (C18/C19/C20/C34, 二级及以上)
    public const string GeneralConsult = "001101000010000";       // 一般诊疗费 (门诊)
    public const string Ceftriaxone = "XJ01DDA051B002010100002";  // 头孢曲松 (4/日)
    public const string Stent = "C0301010000001000000000001";     // 冠脉支架 (2/次住院)
    public const string Bed = "001102000010000";                  // 床位费 (按日)
    public const string Nursing = "02900036800000";               // 护理费 (按日)
    public const string BloodRoutine = "002503010010000";         // 血常规
    public const string Ct = "002101010010000";                   // CT 平扫
    public const string Ultrasound = "002201010010000";           // 彩超
    public const string Metformin = "XA10BAA015A001010100004";    // 二甲双胍
    public const string Amoxicillin = "XJ01CAA040A001010100001";  // 阿莫西林 (限价 15)
    public const string Infusion = "06900028800000";              // 静脉输液
    public const string Syringe = "C0201010000001000000000002";   // 注射器
    public const string Dialysis = "003115000010000";             // 血液透析

    public CodeTable Items { get; } = new();

    public ReviewBatchBuilder B { get; }

    public ReviewScene() => B = new ReviewBatchBuilder(Items);

    public static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public int Person(Gender gender = Gender.Male, string birth = "1970-06-15", string? death = null, params (string From, string To)[] coverage) =>
        B.AddPerson(gender, D(birth), death is null ? null : D(death),
            coverage.Length == 0 ? [(D("2000-01-01"), D("2099-12-31"))] : [.. coverage.Select(c => (D(c.From), D(c.To)))]);

    public int Enc(int person, VisitType visit = VisitType.Inpatient, string admission = "2025-03-01", string? discharge = null, int institution = 1,
        InstitutionLevel level = InstitutionLevel.Second, InstitutionType type = InstitutionType.Hospital, string insutype = "390", params string[] diagnoses) =>
        B.AddEncounter(person, institution, level, type, visit, insutype, D(admission), D(discharge ?? admission), diagnoses.Length == 0 ? ["J18.900"] : diagnoses);

    public int Line(int encounter, string code, string date, decimal quantity = 1m, decimal price = 10m, decimal? amount = null, int supplyDays = 0) =>
        B.AddLine(encounter, code, D(date), quantity, price, amount ?? decimal.Round(quantity * price, 2, MidpointRounding.AwayFromZero), supplyDays);

    public List<ReviewFlag> Run(params ReviewRule[] rules) => new ReviewEngine(rules, Items).Evaluate(B.Build());

    public static ReviewRule Rule(ReviewRuleType type, ReviewParameters parameters, ReviewWindow window = ReviewWindow.Encounter, int? windowDays = null,
        ReviewResultType result = ReviewResultType.Definite, ReviewScope? scope = null, string id = "T1") => new()
        {
            Id = id,
            Name = type.ChineseName(),
            Type = type,
            Result = result,
            Window = window,
            WindowDays = windowDays,
            Scope = scope ?? new ReviewScope(),
            Status = ReviewRuleStatus.Enabled,
            Parameters = parameters,
        };
}
