using Yibao.Domain.Institutions;
using Yibao.Domain.Policies;
using Yibao.Domain.Settlement;
using static Yibao.Domain.Tests.Settlement.Fixtures;

namespace Yibao.Domain.Tests.Settlement;

public class ClassificationTests
{
    private static LineResult One(FeeLine line, PersonSnapshot? p = null, Encounter? e = null) =>
        Calculator.Calculate(p ?? Resident(), e ?? Inpatient(InstitutionLevel.Second, days: 2), [line], Calculator.NewAccumulators()).Lines[0];

    [Fact]
    public void Not_in_catalog_and_class_C_are_fully_self_paid()
    {
        One(Line("NOPE", 1, 10)).ShouldSatisfyAllConditions(l => l.Reason.ShouldBe(LineReason.NotInCatalog), l => l.FulamtOwnpay.ShouldBe(10m));
        One(Line(Health, 1, 10)).Reason.ShouldBe(LineReason.CategoryC);
    }

    [Fact]
    public void Restrictions_fail_with_their_reason()
    {
        One(Line(KidSyrup, 1, 30)).Reason.ShouldBe(LineReason.Age);
        One(Line(Progesterone, 1, 20)).Reason.ShouldBe(LineReason.Gender);
        One(Line(General, 1, 10)).Reason.ShouldBe(LineReason.VisitType);
        One(Line(Bevacizumab, 1, 1000)).Reason.ShouldBe(LineReason.Indication);
        One(Line(Bevacizumab, 1, 1000), e: Inpatient(InstitutionLevel.First, diagnoses: "C34.900")).Reason.ShouldBe(LineReason.InstitutionLevel);
        var ok = One(Line(Bevacizumab, 1, 1000), e: Inpatient(InstitutionLevel.Second, diagnoses: "C34.900"));
        ok.Reason.ShouldBe(LineReason.None);
        ok.Preselfpay.ShouldBe(200m); // 示范县 20%
    }

    [Fact]
    public void Over_price_cap_and_quantity_limits()
    {
        var l = One(Line(Bed, 2, 40)); // 限价 30
        l.Overlmt.ShouldBe(20m);
        l.Inscp.ShouldBe(60m);
        var c = One(Line(Ceftriaxone, 10, 8.5m)); // 2 天 × 4 支 = 8 支
        c.Reason.ShouldBe(LineReason.QuantityPerDay);
        c.FulamtOwnpay.ShouldBe(17m);
        c.Preselfpay.ShouldBe(6.8m);
        var r = Calculator.Calculate(Resident(), Inpatient(InstitutionLevel.Third), [Line(Stent, 2, 900), Line(Stent, 1, 900)], Calculator.NewAccumulators());
        r.Lines[0].Overlmt.ShouldBe(200m);
        r.Lines[1].Reason.ShouldBe(LineReason.QuantityPerStay);
        r.Lines[1].FulamtOwnpay.ShouldBe(900m);
    }

    [Fact]
    public void Unknown_category_or_missing_scheme_pays_nothing_from_basic()
    {
        var p = new PersonSnapshot { PsnNo = "X", Insutypes = ["390"], Category = "99" };
        var r = Calculator.Calculate(p, Inpatient(InstitutionLevel.Second), [Line(Blood, 1, 100)], Calculator.NewAccumulators());
        r.Setl.HifpPay.ShouldBe(0m);
        r.Setl.PsnPartAmt.ShouldBe(100m);
        ExplanationFormatter.Format(r.Steps[1]).ShouldContain("人员类别不在政策参数中");
    }

    [Fact]
    public void Second_and_third_admission_deductibles_are_reduced()
    {
        var acc = Calculator.NewAccumulators();
        decimal[] expected = [500m, 250m, 0m, 0m];
        for (var i = 0; i < 4; i++)
        {
            var r = Calculator.Calculate(Resident(), Inpatient(InstitutionLevel.Second, admission: new DateOnly(2025, 2 + i, 1)), [Line(Blood, 1, 1000)], acc);
            r.Setl.ActPayDedc.ShouldBe(expected[i]);
            acc = r.Accumulators;
        }
    }

    [Fact]
    public void Unfiled_out_of_area_uses_lower_ratio_and_maternity_uses_quota()
    {
        var r = Calculator.Calculate(Resident(), Inpatient(InstitutionLevel.Third, place: Place.Unfiled), [Line(Blood, 1, 11500)], Calculator.NewAccumulators());
        r.Setl.HifpPay.ShouldBe(4500m); // (11,500 − 1,500) × 45%
        var m = new Encounter { Id = "M", VisitType = Yibao.Domain.Catalogs.VisitType.Maternity, InstitutionLevel = InstitutionLevel.Second, AdmissionDate = new DateOnly(2025, 5, 1), DischargeDate = new DateOnly(2025, 5, 4) };
        var f = Calculator.Calculate(Resident(), m, [Line(Blood, 1, 4000)], Calculator.NewAccumulators());
        f.Setl.HifpPay.ShouldBe(1500m);
    }

    [Fact]
    public void A_review_deduction_makes_exactly_that_line_full_self_pay_and_an_empty_mask_changes_nothing()
    {
        FeeLine[] lines = [Line(Amlodipine, 4, 12.5m), Line(Amlodipine, 2, 12.5m)];
        var e = Inpatient(InstitutionLevel.Second, days: 2);
        var plain = Calculator.Calculate(Resident(), e, lines, Calculator.NewAccumulators());
        var none = new SettlementResult();
        Calculator.Calculate(Resident(), e, lines, Calculator.NewAccumulators(), none, [false, false]);
        none.Setl.ShouldBe(plain.Setl);

        var reviewed = new SettlementResult();
        Calculator.Calculate(Resident(), e, lines, Calculator.NewAccumulators(), reviewed, [true, false]);
        reviewed.Lines[0].Reason.ShouldBe(LineReason.Review);
        reviewed.Lines[0].FulamtOwnpay.ShouldBe(50m);
        reviewed.Lines[0].Inscp.ShouldBe(0m);
        reviewed.Lines[1].ShouldBe(plain.Lines[1]);
        reviewed.Setl.FulamtOwnpayAmt.ShouldBe(plain.Setl.FulamtOwnpayAmt + 50m);
        reviewed.Setl.InscpScpAmt.ShouldBeLessThan(plain.Setl.InscpScpAmt);
        ExplanationFormatter.Reason(LineReason.Review).ShouldBe("智能审核明确违规");
    }
}
