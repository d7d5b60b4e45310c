using Yibao.Domain.Institutions;
using Yibao.Domain.Settlement;
using static Yibao.Domain.Tests.Settlement.Fixtures;

namespace Yibao.Domain.Tests.Settlement;

/// <summary>
/// INVENTED worked examples — ours, not citations, in the shape of published ones (计算公式：(总费用 − 全自费 − 乙类先行自付 − 起付线) × 报销比例;
/// 大病：(合规自付 − 起付标准) 分段 × 比例; 救助：(政策范围内个人自付 − 起付标准) × 救助比例), computed against the 示范县 sample policy
/// (samples/policies/shifanxian-2025.json) with every figure recomputed by hand in the comments. The CITED examples (published pages,
/// their own policy files in samples/policies/examples/) are in <see cref="WorkedExampleCitationTests"/>; docs/worked-examples.md
/// has the citation table, the errors found and the search log. No published 离休 example with figures was found, so the 离休 cases
/// (here, and the 长沙 rules one in WorkedExampleCitationTests) are ours.
/// </summary>
public class WorkedExampleTests
{
    [Fact]
    public void Resident_inpatient_with_deductible_and_class_B_preselfpay()
    {
        // 居民二级医院住院：总费用 10,000 元，其中丙类 500 元、乙类（CT）1,000 元（先行自付 10% = 100 元）。
        // 政策范围内 = 10,000 − 500 − 100 = 9,400；起付线 500；统筹支付 (9,400 − 500) × 80% = 7,120。
        // 个人负担 = 10,000 − 7,120 = 2,880（其中起付线 500、统筹内自付 1,780、先行自付 100、全自费 500）。
        FeeLine[] lines = [Line(Health, 10, 50), Line(Ct, 5, 200), Line(Bed, 10, 30), Line(Ultrasound, 41, 200)];
        var r = Calculator.Calculate(Resident(), Inpatient(InstitutionLevel.Second), lines, Calculator.NewAccumulators());
        r.Setl.MedfeeSumamt.ShouldBe(10000m);
        r.Setl.FulamtOwnpayAmt.ShouldBe(500m);
        r.Setl.PreselfpayAmt.ShouldBe(100m);
        r.Setl.InscpScpAmt.ShouldBe(9400m);
        r.Setl.ActPayDedc.ShouldBe(500m);
        r.Setl.HifpPay.ShouldBe(7120m);
        r.Setl.PoolPropSelfpay.ShouldBe(1780m);
        r.Setl.HifmiPay.ShouldBe(0m); // 合规自付 2,280 < 大病起付标准 15,000
        r.Setl.PsnPartAmt.ShouldBe(2880m);
        r.Setl.PsnCashPay.ShouldBe(2880m);
        r.Lines[0].Reason.ShouldBe(LineReason.CategoryC);
    }

    [Fact]
    public void Critical_illness_bands_across_two_admissions_are_path_independent()
    {
        // 第一次三级住院，政策范围内 200,000：起付 1,000，统筹 (200,000 − 1,000) × 65% = 129,350；
        // 合规自付 = 1,000 + 69,650 = 70,650；大病 (70,650 − 15,000) × 60% = 33,390。
        var acc = Calculator.NewAccumulators();
        var p = Resident();
        var r1 = Calculator.Calculate(p, Inpatient(InstitutionLevel.Third, "A1"), [Line(Ultrasound, 1000, 200)], acc);
        r1.Setl.HifpPay.ShouldBe(129350m);
        r1.Setl.HifmiPay.ShouldBe(33390m);
        r1.Setl.PsnPartAmt.ShouldBe(37260m);

        // 第二次三级住院，政策范围内 100,000：第二次起付线减半 500，统筹 99,500 × 65% = 64,675（未超 200,000 封顶：已付 129,350）；
        // 合规自付 35,325，累计 70,650 → 105,975：10 万以下段 29,350 × 60% = 17,610，10 万以上段 5,975 × 70% = 4,182.50，合计 21,792.50。
        var r2 = Calculator.Calculate(p, Inpatient(InstitutionLevel.Third, "A2", admission: new DateOnly(2025, 8, 1)), [Line(Ultrasound, 500, 200)], r1.Accumulators);
        r2.Setl.ActPayDedc.ShouldBe(500m);
        r2.Setl.HifpPay.ShouldBe(64675m);
        r2.Setl.HifmiPay.ShouldBe(21792.50m);

        // 路径无关：全年大病 = F(105,975) = 85,000 × 60% + 5,975 × 70% = 55,182.50 = 33,390 + 21,792.50。
        (r1.Setl.HifmiPay + r2.Setl.HifmiPay).ShouldBe(55182.50m);
        Acc(r2, "layer_paid:dabing").ShouldBe(55182.50m);
    }

    [Fact]
    public void Employee_outpatient_annual_deductible_accumulates_over_visits()
    {
        // 职工在职普通门诊（一级），年度起付线 200、比例 60%、年度限额 2,000，个人账户余额 1,000。
        // 第 1 次 150：全部计入起付线（累计 150），统筹 0。
        // 第 2 次 120：起付线剩余 50，统筹 (120 − 50) × 60% = 42。
        // 第 3 次 300：起付线已满，统筹 300 × 60% = 180。
        var acc = Calculator.NewAccumulators();
        var p = Employee(balance: 1000m);
        var r1 = Calculator.Calculate(p, Outpatient(InstitutionLevel.First, new DateOnly(2025, 1, 10)), [Line(Blood, 1, 150)], acc);
        r1.Setl.ActPayDedc.ShouldBe(150m);
        r1.Setl.HifpPay.ShouldBe(0m);
        r1.Setl.AcctPay.ShouldBe(150m);
        var r2 = Calculator.Calculate(p, Outpatient(InstitutionLevel.First, new DateOnly(2025, 2, 10)), [Line(Blood, 1, 120)], r1.Accumulators);
        r2.Setl.ActPayDedc.ShouldBe(50m);
        r2.Setl.HifpPay.ShouldBe(42m);
        r2.Setl.PsnPartAmt.ShouldBe(78m);
        var r3 = Calculator.Calculate(p, Outpatient(InstitutionLevel.First, new DateOnly(2025, 3, 10)), [Line(Blood, 1, 300)], r2.Accumulators);
        r3.Setl.ActPayDedc.ShouldBe(0m);
        r3.Setl.HifpPay.ShouldBe(180m);
        Acc(r3, "deductible:employee_outpatient").ShouldBe(200m);

        // 退休人员比例提高 10 个百分点：第 3 次 300 × 70% = 210。
        var q = Employee(retired: true);
        var s3 = Calculator.Calculate(q, Outpatient(InstitutionLevel.First, new DateOnly(2025, 3, 10)), [Line(Blood, 1, 300)], r2.Accumulators);
        s3.Setl.HifpPay.ShouldBe(210m);
    }

    [Fact]
    public void Dibao_inpatient_gets_half_deductible_and_medical_assistance()
    {
        // 低保对象二级住院，政策范围内 30,000：起付线 500 × 50% = 250；统筹 (30,000 − 250) × 80% = 23,800；
        // 合规自付 250 + 5,950 = 6,200；大病（低保起付标准减半 7,500）未达；救助 (6,200 − 1,000) × 70% = 3,640。
        // 个人负担 30,000 − 23,800 − 3,640 = 2,560。
        var r = Calculator.Calculate(Resident("D1", "dibao"), Inpatient(InstitutionLevel.Second), [Line(Ultrasound, 150, 200)], Calculator.NewAccumulators());
        r.Setl.ActPayDedc.ShouldBe(250m);
        r.Setl.HifpPay.ShouldBe(23800m);
        r.Setl.HifmiPay.ShouldBe(0m);
        r.Setl.MafPay.ShouldBe(3640m);
        r.Setl.PsnPartAmt.ShouldBe(2560m);
    }

    [Fact]
    public void Tekun_inpatient_has_no_deductible_and_full_assistance()
    {
        // 特困人员一级住院，政策范围内 10,000：免起付线；统筹 10,000 × 90% = 9,000；救助 1,000 × 100% = 1,000；个人 0。
        var r = Calculator.Calculate(Resident("T1", "tekun"), Inpatient(InstitutionLevel.First), [Line(Ultrasound, 50, 200)], Calculator.NewAccumulators());
        r.Setl.ActPayDedc.ShouldBe(0m);
        r.Setl.HifpPay.ShouldBe(9000m);
        r.Setl.MafPay.ShouldBe(1000m);
        r.Setl.PsnPartAmt.ShouldBe(0m);
    }

    [Fact]
    public void Retired_cadre_is_paid_in_full_within_the_catalog()
    {
        // 离休人员（340）：目录内费用据实支付。甲类 1,000 + 乙类 CT 1,000（含先行自付 100）由离休基金全额支付 2,000；丙类 500 自付。
        var p = new PersonSnapshot { PsnNo = "L1", Insutypes = ["340"], Category = "31", Age = 95 };
        var r = Calculator.Calculate(p, Inpatient(InstitutionLevel.Third), [Line(Ultrasound, 5, 200), Line(Ct, 5, 200), Line(Health, 10, 50)], Calculator.NewAccumulators());
        r.Setl.HifpPay.ShouldBe(0m);
        r.Setl.OthPay.ShouldBe(2000m);
        r.Setl.FundPaySumamt.ShouldBe(2000m);
        r.Setl.PsnPartAmt.ShouldBe(500m);
    }

    [Fact]
    public void Employee_over_cap_goes_to_large_amount_then_civil_servant_then_account()
    {
        // 职工在职三级住院，政策范围内 150,000：起付 1,000；分段 3 万以下 85% = 25,500，3 万以上 119,000 × 90% = 107,100，
        // 合计 132,600 超过年度限额 70,000，统筹付 70,000；达到限额时的费用点 30,000 + 44,500/0.9 = 79,444.44，
        // 超限额政策范围内费用 149,000 − 79,444.44 = 69,555.56；大额 69,555.56 × 90% = 62,600.00（四舍五入）；
        // 公务员补助 (80,000 − 62,600) × 70% = 12,180；个人 5,220，账户余额 3,000 全部支付，现金 2,220。
        var p = Employee(false, 3000m, "310", "330", "320");
        var r = Calculator.Calculate(p, Inpatient(InstitutionLevel.Third), [Line(Ultrasound, 750, 200)], Calculator.NewAccumulators());
        r.Setl.HifpPay.ShouldBe(70000m);
        r.Setl.PoolPropSelfpay.ShouldBe(79000m);
        r.Setl.HifobPay.ShouldBe(62600m);
        r.Setl.CvlservPay.ShouldBe(12180m);
        r.Setl.PsnPartAmt.ShouldBe(5220m);
        r.Setl.AcctPay.ShouldBe(3000m);
        r.Setl.PsnCashPay.ShouldBe(2220m);
    }

    [Fact]
    public void Explanation_is_ordered_and_in_chinese()
    {
        FeeLine[] lines = [Line(Health, 10, 50), Line(Ct, 5, 200), Line(Bed, 10, 30), Line(Ultrasound, 41, 200)];
        var r = Calculator.Calculate(Resident(), Inpatient(InstitutionLevel.Second), lines, Calculator.NewAccumulators());
        var text = r.Steps.ToArray().Select(s => ExplanationFormatter.Format(s)).ToList();
        text[0].ShouldStartWith("费用分类：医疗费总额10,000.00元");
        text.ShouldContain(t => t.Contains("起付线：500.00元", StringComparison.Ordinal));
        text.ShouldContain(t => t.Contains("8,900.00元×80%=7,120.00元", StringComparison.Ordinal));
        text.ShouldContain(t => t.StartsWith("城乡居民大病保险：", StringComparison.Ordinal));
        text[^1].ShouldStartWith("合计：");
    }
}
