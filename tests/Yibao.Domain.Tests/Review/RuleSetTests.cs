using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Review;
using Yibao.Domain.Settlement;

namespace Yibao.Domain.Tests.Review;

/// <summary>The rule-set file: sample validity and catalog codes, validator messages, round trip; and the 事中 entry point.</summary>
public class RuleSetTests
{
    private static string SampleJson() => File.ReadAllText(ReviewPropertyTests.SamplePath());

    [Fact]
    public void Sample_rule_set_is_valid_round_trips_and_uses_demo_catalog_codes()
    {
        var (set, errors) = ReviewRuleJson.ParseAndValidate(SampleJson());
        errors.ShouldBeEmpty();
        set!.Rules.Count.ShouldBeGreaterThanOrEqualTo(21);
        Enum.GetValues<ReviewRuleType>().Except(set.Rules.Select(r => r.Type)).ShouldBeEmpty();
        ReviewRuleJson.Write(ReviewRuleJson.Parse(ReviewRuleJson.Write(set))).ShouldBe(ReviewRuleJson.Write(set));

        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(ReviewPropertyTests.SamplePath())))!;
        var catalogRows = File.ReadLines(Path.Combine(root, "samples", "catalogs", "demo-catalog.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var catalogCodes = catalogRows.Select(c => c[0]).ToHashSet();
        var catalogIndications = catalogRows.SelectMany(c => c[15].Split(';')).ToHashSet();
        var diagnoses = File.ReadLines(Path.Combine(root, "samples", "catalogs", "diagnoses.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        foreach (var r in set.Rules)
        {
            foreach (var code in r.Parameters.Items.Concat(r.Parameters.OtherItems).Concat(r.Parameters.CompanionItems))
            {
                catalogCodes.ShouldContain(code, $"{r.Id} 的项目编码 {code} 不在示范目录中");
            }

            foreach (var prefix in r.Parameters.Diagnoses)
            {
                (diagnoses.Any(d => d.StartsWith(prefix, StringComparison.Ordinal)) || catalogIndications.Contains(prefix))
                    .ShouldBeTrue($"{r.Id} 的诊断 {prefix} 既不在诊断目录中，也不是目录的限定适应症");
            }
        }
    }

    [Fact]
    public void Validator_names_the_path_and_the_rule_in_chinese()
    {
        var set = ReviewRuleJson.Parse(SampleJson());
        var rules = set.Rules.ToList();
        rules[8] = rules[8] with { Parameters = rules[8].Parameters with { MaxQuantity = null } };
        rules[11] = rules[11] with { WindowDays = null };
        rules[3] = rules[3] with { Id = rules[0].Id };
        rules[0] = rules[0] with { EffectiveTo = new DateOnly(2024, 1, 1) };
        rules[1] = rules[1] with { Scope = new ReviewScope { Insutypes = ["999"] } };
        var errors = ReviewRuleValidator.Validate(set with { Rules = rules });
        errors.ShouldContain("$.rules[8].parameters.max_quantity：规则“SL-001”（单日限量）必须给出大于 0 的数量上限");
        errors.ShouldContain("$.rules[11].window_days：规则“PC-002”（限定频次）时间窗口为 N 天时，window_days 必须在 1–366 之间");
        errors.ShouldContain("$.rules[3].id：规则编号“XB-001”重复");
        errors.ShouldContain("$.rules[0].effective_to：规则“XB-001”（限定性别）失效日期不得早于生效日期");
        errors.ShouldContain("$.rules[1].scope.insutypes[0]：规则“XB-002”（限定性别）险种“999”不是国家险种代码（310/320/330/340/390/392/510）");
    }

    [Fact]
    public void Malformed_or_unknown_values_give_one_chinese_error_with_the_path()
    {
        var (set, errors) = ReviewRuleJson.ParseAndValidate("""{ "id": "x", "name": "x", "rules": [ { "id": "a", "name": "a", "type": "no_such_type" } ] }""");
        set.ShouldBeNull();
        errors.ShouldHaveSingleItem().ShouldStartWith("$.rules[0].type：");
        var (_, unknown) = ReviewRuleJson.ParseAndValidate("""{ "id": "x", "name": "x", "colour": 1 }""");
        unknown.ShouldHaveSingleItem().ShouldContain("字段名未定义");
    }

    [Fact]
    public void Wrong_window_for_a_type_is_rejected()
    {
        var rule = new ReviewRule
        {
            Id = "D", Name = "重复", Type = ReviewRuleType.DuplicateCharge, Window = ReviewWindow.Month,
            Parameters = new ReviewParameters { Items = ["002503010010000"] },
        };
        ReviewRuleValidator.Validate(new ReviewRuleSet { Id = "s", Name = "s", Rules = [rule] })
            .ShouldBe(["$.rules[0].window：规则“D”（重复收费）时间窗口只能是 单日"]);
    }

    private static readonly ReviewPerson Man = new(Gender.Male, new DateOnly(1960, 5, 1), null, [(new DateOnly(2020, 1, 1), new DateOnly(2099, 12, 31))]);

    [Fact]
    public void Inline_check_turns_definite_lines_into_full_own_pay_and_returns_suspicious_ones_as_warnings()
    {
        var reviewer = new InlineReviewer(ReviewRuleJson.Parse(SampleJson()));
        var day = new DateOnly(2025, 6, 10);
        var current = new ReviewEncounter
        {
            InstitutionId = 7, InstitutionLevel = InstitutionLevel.Second, VisitType = VisitType.GeneralOutpatient, Insutype = "390",
            AdmissionDate = day, Diagnoses = ["I10.x00"],
            Lines =
            [
                new FeeLine("XG03DAA095B002010100006", 2, 20m, 40m, day),   // 黄体酮 for a man: 明确
                new FeeLine("XA10BAA015A001010100004", 2, 12m, 24m, day),   // 二甲双胍 20 days: with history 40 days in June: 可疑
                new FeeLine("002503010010000", 1, 25m, 25m, day),           // 血常规: fine
                new FeeLine("UNKNOWN-CODE", 1, 5m, 5m, day),                // not in the catalog: ignored by review
            ],
            SupplyDays = [0, 20, 0, 0],
        };
        var history = new ReviewEncounter
        {
            InstitutionId = 8, VisitType = VisitType.GeneralOutpatient, Insutype = "390", AdmissionDate = new DateOnly(2025, 6, 1),
            Lines = [new FeeLine("XA10BAA015A001010100004", 2, 12m, 24m, new DateOnly(2025, 6, 1))], SupplyDays = [20],
        };

        var r = reviewer.Check(Man, current, [history]);
        var d = r.Deductions.ShouldHaveSingleItem();
        d.Line.ShouldBe(0);
        d.RuleId.ShouldBe("XB-001");
        d.Amount.ShouldBe(40m);
        d.Reason.ShouldStartWith("黄体酮注射液限女性使用：");
        var w = r.Warnings.ShouldHaveSingleItem();
        w.RuleId.ShouldBe("CL-001");
        w.Lines.ShouldBe([1]);
        w.Message.ShouldContain("用药 40 天");

        reviewer.Check(Man, current with { Lines = [current.Lines[2]], SupplyDays = null }, [history]).IsClean.ShouldBeTrue();
    }

    [Fact]
    public void Inline_check_ignores_findings_that_only_concern_history_and_disabled_or_post_only_rules()
    {
        var reviewer = new InlineReviewer(ReviewRuleJson.Parse(SampleJson()));
        reviewer.Engine.Rules.ShouldNotContain(r => r.Id == "HC-001");  // 草稿
        reviewer.Engine.Rules.ShouldNotContain(r => r.Id == "LD-001");  // 事后 only
        var old = new ReviewEncounter
        {
            InstitutionId = 1, VisitType = VisitType.GeneralOutpatient, Insutype = "390", AdmissionDate = new DateOnly(2025, 1, 5),
            Lines = [new FeeLine("XG03DAA095B002010100006", 1, 20m, 20m, new DateOnly(2025, 1, 5))],
        };
        var now = old with { AdmissionDate = new DateOnly(2025, 2, 5), Lines = [new FeeLine("002503010010000", 1, 25m, 25m, new DateOnly(2025, 2, 5))] };
        reviewer.Check(Man, now, [old]).IsClean.ShouldBeTrue();
    }
}
