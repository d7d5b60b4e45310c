using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Review;
using static Yibao.Domain.Tests.Review.ReviewScene;

namespace Yibao.Domain.Tests.Review;

/// <summary>One group per rule type: a hit, a near miss and the boundary of the window or limit.</summary>
public class RuleTypeTests
{
    private static ReviewParameters Items(params string[] codes) => new() { Items = codes };

    [Fact]
    public void Gender_limit_flags_a_man_and_not_a_woman()
    {
        var s = new ReviewScene();
        var man = s.Person(Gender.Male);
        var woman = s.Person(Gender.Female);
        var e1 = s.Enc(man);
        var e2 = s.Enc(woman);
        var hit = s.Line(e1, Progesterone, "2025-03-01", 2, 20m);
        s.Line(e2, Progesterone, "2025-03-01", 2, 20m);
        s.Line(e1, Metformin, "2025-03-01");
        var flags = s.Run(Rule(ReviewRuleType.GenderLimit, Items(Progesterone) with { Gender = 2 }));
        var f = flags.ShouldHaveSingleItem();
        f.Lines.ShouldBe([hit]);
        f.Amount.ShouldBe(40m);
        f.Result.ShouldBe(ReviewResultType.Definite);
        f.Parameter.ShouldBe("限定性别：女");
        f.Reason.ShouldContain("参保人性别为男");
    }

    [Fact]
    public void Age_limit_is_inclusive_at_the_birthday()
    {
        var s = new ReviewScene();
        // Born 2010-03-01: 14 on 2024-03-01 … still 14 on 2025-02-28, 15 on 2025-03-01.
        var p = s.Person(birth: "2010-03-01");
        var onLastDay = s.Enc(p, VisitType.GeneralOutpatient, "2025-02-28");
        var onBirthday = s.Enc(p, VisitType.GeneralOutpatient, "2025-03-01");
        s.Line(onLastDay, ChildAmbroxol, "2025-02-28");
        var hit = s.Line(onBirthday, ChildAmbroxol, "2025-03-01");
        var f = s.Run(Rule(ReviewRuleType.AgeLimit, Items(ChildAmbroxol) with { MaxAge = 14 })).ShouldHaveSingleItem();
        f.Lines.ShouldBe([hit]);
        f.Reason.ShouldContain("15 岁");
    }

    [Fact]
    public void Indication_needs_one_diagnosis_with_a_listed_prefix()
    {
        var s = new ReviewScene();
        var p = s.Person();
        var lung = s.Enc(p, diagnoses: ["C34.900"]);
        var secondary = s.Enc(p, admission: "2025-04-01", diagnoses: ["J18.900", "C18.900"]);
        var pneumonia = s.Enc(p, admission: "2025-05-01", diagnoses: ["J18.900"]);
        s.Line(lung, Bevacizumab, "2025-03-01", 1, 1198m);
        s.Line(secondary, Bevacizumab, "2025-04-01", 1, 1198m);
        var hit = s.Line(pneumonia, Bevacizumab, "2025-05-01", 1, 1198m);
        var f = s.Run(Rule(ReviewRuleType.Indication, Items(Bevacizumab) with { Diagnoses = ["C18", "C19", "C20", "C34"] })).ShouldHaveSingleItem();
        f.Lines.ShouldBe([hit]);
        f.Amount.ShouldBe(1198m);
        f.Reason.ShouldContain("J18.900");
    }

    [Fact]
    public void Institution_level_limit_flags_below_the_minimum_only()
    {
        var s = new ReviewScene();
        var p = s.Person();
        var first = s.Enc(p, level: InstitutionLevel.First, diagnoses: ["C34.900"]);
        var second = s.Enc(p, admission: "2025-04-01", level: InstitutionLevel.Second, diagnoses: ["C34.900"]);
        var unrated = s.Enc(p, admission: "2025-05-01", level: InstitutionLevel.Unrated, diagnoses: ["C34.900"]);
        var a = s.Line(first, Bevacizumab, "2025-03-01");
        s.Line(second, Bevacizumab, "2025-04-01");
        var c = s.Line(unrated, Bevacizumab, "2025-05-01");
        var flags = s.Run(Rule(ReviewRuleType.InstitutionLevelLimit, Items(Bevacizumab) with { MinLevel = 2 }));
        flags.SelectMany(f => f.Lines).Order().ShouldBe([a, c]);
    }

    [Fact]
    public void Visit_type_limit_flags_an_inpatient_consultation_fee()
    {
        var s = new ReviewScene();
        var p = s.Person();
        var op = s.Enc(p, VisitType.GeneralOutpatient);
        var chronic = s.Enc(p, VisitType.ChronicOutpatient, "2025-03-02");
        var ip = s.Enc(p, VisitType.Inpatient, "2025-03-03", "2025-03-06");
        s.Line(op, GeneralConsult, "2025-03-01");
        s.Line(chronic, GeneralConsult, "2025-03-02");
        var hit = s.Line(ip, GeneralConsult, "2025-03-03");
        var f = s.Run(Rule(ReviewRuleType.VisitTypeLimit, Items(GeneralConsult) with { VisitTypes = [VisitType.GeneralOutpatient, VisitType.ChronicOutpatient] }))
            .ShouldHaveSingleItem();
        f.Lines.ShouldBe([hit]);
        f.Reason.ShouldContain("住院");
    }

    [Fact]
    public void Quantity_per_day_counts_the_whole_day_across_encounters_and_flags_the_excess_share()
    {
        var s = new ReviewScene();
        var p = s.Person();
        var e = s.Enc(p, admission: "2025-03-01", discharge: "2025-03-05");
        s.Line(e, Ceftriaxone, "2025-03-01", 4, 8.5m);          // exactly 4: boundary, no flag
        var a = s.Line(e, Ceftriaxone, "2025-03-02", 3, 8.5m);
        var b = s.Line(e, Ceftriaxone, "2025-03-02", 3, 8.5m);  // 6 on one day: 2 too many
        var op = s.Enc(p, VisitType.GeneralOutpatient, "2025-03-03", institution: 2);
        var c = s.Line(e, Ceftriaxone, "2025-03-03", 4, 8.5m);
        var d = s.Line(op, Ceftriaxone, "2025-03-03", 1, 8.5m); // 4 + 1 at another institution the same day
        var flags = s.Run(Rule(ReviewRuleType.QuantityPerDay, Items(Ceftriaxone) with { MaxQuantity = 4m }, ReviewWindow.Day));
        flags.Count.ShouldBe(2);
        flags[0].Lines.ShouldBe([a, b]);
        flags[0].Amount.ShouldBe(17m); // 51 × 2/6
        flags[1].Lines.ShouldBe([c, d]);
        flags[1].Amount.ShouldBe(8.5m);
    }

    [Fact]
    public void Quantity_per_stay_flags_the_third_stent_only_beyond_two()
    {
        var s = new ReviewScene();
        var p = s.Person();
        var ok = s.Enc(p, admission: "2025-03-01", discharge: "2025-03-05");
        var bad = s.Enc(p, admission: "2025-06-01", discharge: "2025-06-05");
        s.Line(ok, Stent, "2025-03-02", 2, 800m);
        var x = s.Line(bad, Stent, "2025-06-02", 2, 800m);
        var y = s.Line(bad, Stent, "2025-06-03", 1, 800m);
        var f = s.Run(Rule(ReviewRuleType.QuantityPerStay, Items(Stent) with { MaxQuantity = 2m })).ShouldHaveSingleItem();
        f.Encounter.ShouldBe(bad);
        f.Lines.ShouldBe([x, y]);
        f.Amount.ShouldBe(800m);
    }

    [Fact]
    public void Frequency_in_a_natural_month_resets_on_the_first()
    {
        var s = new ReviewScene();
        var p = s.Person();
        int V(string day) => s.Enc(p, VisitType.GeneralOutpatient, day);
        s.Line(V("2025-03-01"), Ct, "2025-03-01", 1, 200m);
        var last = s.Line(V("2025-03-31"), Ct, "2025-03-31", 1, 200m);
        s.Line(V("2025-04-01"), Ct, "2025-04-01", 1, 200m);
        var rule = Rule(ReviewRuleType.Frequency, Items(Ct) with { MaxQuantity = 1m }, ReviewWindow.Month);
        var f = s.Run(rule).ShouldHaveSingleItem();
        f.Lines.Length.ShouldBe(2);
        f.Lines.ShouldContain(last);
        f.Amount.ShouldBe(200m);
        f.Reason.ShouldContain("2025 年 3 月");
    }

    [Fact]
    public void Frequency_in_a_rolling_window_of_n_days_counts_day_n_but_not_day_n_plus_one()
    {
        var s = new ReviewScene();
        var p = s.Person();
        int V(string day) => s.Enc(p, VisitType.GeneralOutpatient, day);
        s.Line(V("2025-03-01"), Ultrasound, "2025-03-01", 1, 100m);
        s.Line(V("2025-03-08"), Ultrasound, "2025-03-08", 1, 100m);  // 8 days apart: outside a 7-day window
        var hit = s.Line(V("2025-03-14"), Ultrasound, "2025-03-14", 1, 100m); // 03-08..03-14 is 7 days: 2 in window
        var f = s.Run(Rule(ReviewRuleType.Frequency, Items(Ultrasound) with { MaxQuantity = 1m }, ReviewWindow.Days, 7)).ShouldHaveSingleItem();
        f.Lines.ShouldBe([hit]);
        f.Amount.ShouldBe(100m);
    }

    [Fact]
    public void Course_length_flags_days_after_the_limit_and_a_gap_starts_a_new_course()
    {
        var s = new ReviewScene();
        var p = s.Person();
        var e = s.Enc(p, admission: "2025-03-01", discharge: "2025-03-30");
        var lines = Enumerable.Range(1, 8).Select(d => s.Line(e, Ceftriaxone, $"2025-03-{d:00}", 2, 8.5m)).ToArray(); // 8 days in a row
        foreach (var d in Enumerable.Range(12, 7))
        {
            s.Line(e, Ceftriaxone, $"2025-03-{d:00}", 2, 8.5m); // after a gap of 4 days: a new 7-day course
        }

        var f = s.Run(Rule(ReviewRuleType.CourseLength, Items(Ceftriaxone) with { MaxDays = 7 })).ShouldHaveSingleItem();
        f.Lines.ShouldBe([lines[7]]);
        f.Amount.ShouldBe(17m);
        f.Reason.ShouldContain("连续 8 天");
    }

    [Fact]
    public void Price_cap_flags_only_the_part_above_the_cap()
    {
        var s = new ReviewScene();
        var p = s.Person();
        var e = s.Enc(p, VisitType.GeneralOutpatient);
        s.Line(e, Amoxicillin, "2025-03-01", 2, 15m);
        var hit = s.Line(e, Amoxicillin, "2025-03-01", 3, 15.01m);
        var f = s.Run(Rule(ReviewRuleType.PriceCap, Items(Amoxicillin) with { MaxPrice = 15m })).ShouldHaveSingleItem();
        f.Lines.ShouldBe([hit]);
        f.Amount.ShouldBe(0.03m);
    }

    [Fact]
    public void Duplicate_charge_needs_the_same_day_quantity_and_price()
    {
        var s = new ReviewScene();
        var p = s.Person();
        var e = s.Enc(p, admission: "2025-03-01", discharge: "2025-03-04");
        var a = s.Line(e, BloodRoutine, "2025-03-01", 1, 25m);
        var b = s.Line(e, BloodRoutine, "2025-03-01", 1, 25m);
        s.Line(e, BloodRoutine, "2025-03-02", 1, 25m);  // another day
        s.Line(e, BloodRoutine, "2025-03-03", 1, 25m);
        s.Line(e, BloodRoutine, "2025-03-03", 2, 25m);  // another quantity
        var f = s.Run(Rule(ReviewRuleType.DuplicateCharge, Items(BloodRoutine), ReviewWindow.Day)).ShouldHaveSingleItem();
        f.Lines.ShouldBe([a, b]);
        f.Amount.ShouldBe(25m);
    }

    [Fact]
    public void Included_item_flags_the_included_one_within_the_window()
    {
        var s = new ReviewScene();
        var p = s.Person();
        var e = s.Enc(p, admission: "2025-03-01", discharge: "2025-03-04");
        s.Line(e, Infusion, "2025-03-01", 1, 30m);
        var sameDay = s.Line(e, Syringe, "2025-03-01", 2, 1m);
        var otherDay = s.Line(e, Syringe, "2025-03-02", 1, 1m);
        var p2 = s.Person();
        var alone = s.Enc(p2);
        s.Line(alone, Syringe, "2025-03-01", 1, 1m);  // no infusion: nothing
        var daily = s.Run(Rule(ReviewRuleType.IncludedItem, Items(Infusion) with { OtherItems = [Syringe] }, ReviewWindow.Day)).ShouldHaveSingleItem();
        daily.Lines.ShouldBe([sameDay]);
        daily.Amount.ShouldBe(2m);

        var s2 = new ReviewScene();
        var q = s2.Person();
        var e2 = s2.Enc(q, admission: "2025-03-01", discharge: "2025-03-04");
        s2.Line(e2, Infusion, "2025-03-01", 1, 30m);
        var l1 = s2.Line(e2, Syringe, "2025-03-01", 2, 1m);
        var l2 = s2.Line(e2, Syringe, "2025-03-02", 1, 1m);
        var stay = s2.Run(Rule(ReviewRuleType.IncludedItem, Items(Infusion) with { OtherItems = [Syringe] })).ShouldHaveSingleItem();
        stay.Lines.ShouldBe([l1, l2]);
        otherDay.ShouldBe(l2);
    }

    [Fact]
    public void Mutually_exclusive_items_flag_the_second_list()
    {
        var s = new ReviewScene();
        var p = s.Person();
        var e = s.Enc(p);
        s.Line(e, Bed, "2025-03-01", 1, 30m);
        s.Line(s.Enc(p, admission: "2025-04-01"), Nursing, "2025-04-01"); // not together
        var hit = s.Line(e, Nursing, "2025-03-01", 1, 20m);
        var f = s.Run(Rule(ReviewRuleType.MutuallyExclusive, Items(Bed) with { OtherItems = [Nursing] }, result: ReviewResultType.Suspicious))
            .ShouldHaveSingleItem();
        f.Lines.ShouldBe([hit]);
        f.Result.ShouldBe(ReviewResultType.Suspicious);
    }

    [Fact]
    public void Missing_companion_flags_the_item_charged_alone()
    {
        var s = new ReviewScene();
        var p = s.Person();
        var withCompanion = s.Enc(p, admission: "2025-03-01");
        s.Line(withCompanion, Stent, "2025-03-01", 1, 800m);
        s.Line(withCompanion, "003109000010000", "2025-03-01", 1, 3000m);
        var alone = s.Enc(p, admission: "2025-05-01");
        var hit = s.Line(alone, Stent, "2025-05-01", 1, 800m);
        var f = s.Run(Rule(ReviewRuleType.MissingCompanion, Items(Stent) with { CompanionItems = ["003109000010000"] })).ShouldHaveSingleItem();
        f.Lines.ShouldBe([hit]);
        f.Amount.ShouldBe(800m);
    }

    [Fact]
    public void Per_day_items_beyond_the_stay_are_flagged_at_stay_days_plus_one()
    {
        var s = new ReviewScene();
        var p = s.Person();
        var exact = s.Enc(p, admission: "2025-03-01", discharge: "2025-03-06");   // 5 days
        s.Line(exact, Bed, "2025-03-01", 5, 30m);
        var over = s.Enc(p, admission: "2025-04-01", discharge: "2025-04-06");
        var a = s.Line(over, Bed, "2025-04-01", 4, 30m);
        var b = s.Line(over, Bed, "2025-04-05", 2, 30m);
        var f = s.Run(Rule(ReviewRuleType.PerDayExcess, Items(Bed))).ShouldHaveSingleItem();
        f.Encounter.ShouldBe(over);
        f.Lines.ShouldBe([a, b]);
        f.Amount.ShouldBe(30m);
        f.Reason.ShouldContain("住院 5 天");
    }

    [Fact]
    public void Split_admission_within_n_days_with_the_same_diagnosis_prefix()
    {
        var s = new ReviewScene();
        var p = s.Person();
        var first = s.Enc(p, admission: "2025-03-01", discharge: "2025-03-10", diagnoses: ["J18.900"]);
        s.Line(first, Bed, "2025-03-01", 9, 30m);
        var back = s.Enc(p, admission: "2025-03-25", discharge: "2025-03-30", diagnoses: ["J18.000"]);  // 15 days later: boundary, flagged
        var l = s.Line(back, Bed, "2025-03-25", 5, 30m);
        var late = s.Enc(p, admission: "2025-04-15", discharge: "2025-04-18", diagnoses: ["J18.900"]);  // 16 days after 03-30
        s.Line(late, Bed, "2025-04-15", 3, 30m);
        var other = s.Enc(p, admission: "2025-04-20", discharge: "2025-04-22", diagnoses: ["K35.900"]);
        s.Line(other, Bed, "2025-04-20", 2, 30m);
        var f = s.Run(Rule(ReviewRuleType.SplitAdmission, new ReviewParameters { ReadmissionDays = 15 }, result: ReviewResultType.Suspicious))
            .ShouldHaveSingleItem();
        f.Encounter.ShouldBe(back);
        f.Lines.ShouldBe([l]);
        f.Amount.ShouldBe(150m);
    }

    [Fact]
    public void Split_admission_at_another_institution_only_when_asked()
    {
        var s = new ReviewScene();
        var p = s.Person();
        s.Line(s.Enc(p, admission: "2025-03-01", discharge: "2025-03-10", institution: 1), Bed, "2025-03-01");
        s.Line(s.Enc(p, admission: "2025-03-12", discharge: "2025-03-15", institution: 2), Bed, "2025-03-12");
        var rule = Rule(ReviewRuleType.SplitAdmission, new ReviewParameters { ReadmissionDays = 15 });
        s.Run(rule).ShouldBeEmpty();
        var s2 = new ReviewScene();
        var q = s2.Person();
        s2.Line(s2.Enc(q, admission: "2025-03-01", discharge: "2025-03-10", institution: 1), Bed, "2025-03-01");
        s2.Line(s2.Enc(q, admission: "2025-03-12", discharge: "2025-03-15", institution: 2), Bed, "2025-03-12");
        s2.Run(rule with { Parameters = new ReviewParameters { ReadmissionDays = 15, SameInstitution = false } }).ShouldHaveSingleItem();
    }

    [Fact]
    public void Bed_blocking_counts_stay_days_with_only_bed_and_nursing()
    {
        var s = new ReviewScene();
        var p = s.Person();
        var e = s.Enc(p, admission: "2025-03-01", discharge: "2025-03-06");  // 5 stay days: 03-01..03-05
        var bedLines = Enumerable.Range(1, 5).Select(d => s.Line(e, Bed, $"2025-03-{d:00}", 1, 30m)).ToArray();
        s.Line(e, BloodRoutine, "2025-03-01");
        s.Line(e, Ceftriaxone, "2025-03-02");
        s.Line(e, Ct, "2025-03-03");
        // 03-04 and 03-05 have only bed fees: 2 idle days.
        var rule = Rule(ReviewRuleType.BedBlocking, Items(Bed, Nursing) with { MaxIdleDays = 2 }, result: ReviewResultType.Suspicious);
        s.Run(rule).ShouldBeEmpty();
        var s2 = new ReviewScene();
        var q = s2.Person();
        var e2 = s2.Enc(q, admission: "2025-03-01", discharge: "2025-03-06");
        var bed2 = Enumerable.Range(1, 5).Select(d => s2.Line(e2, Bed, $"2025-03-{d:00}", 1, 30m)).ToArray();
        s2.Line(e2, BloodRoutine, "2025-03-01");
        s2.Line(e2, Ceftriaxone, "2025-03-02");
        var f = s2.Run(rule).ShouldHaveSingleItem();
        f.Lines.ShouldBe([bed2[2], bed2[3], bed2[4]]);
        f.Amount.ShouldBe(90m);
        f.Reason.ShouldContain("3 天无治疗费用");
        bedLines.Length.ShouldBe(5);
    }

    [Fact]
    public void Over_supply_sums_days_of_supply_across_institutions_in_the_month()
    {
        var s = new ReviewScene();
        var p = s.Person();
        var a = s.Enc(p, VisitType.GeneralOutpatient, "2025-03-01", institution: 1);
        var b = s.Enc(p, VisitType.GeneralOutpatient, "2025-03-10", institution: 2);
        var c = s.Enc(p, VisitType.GeneralOutpatient, "2025-04-01", institution: 3);
        var l1 = s.Line(a, Metformin, "2025-03-01", 2, 12m, supplyDays: 20);
        var l2 = s.Line(b, Metformin, "2025-03-10", 2, 12m, supplyDays: 20);
        s.Line(c, Metformin, "2025-04-01", 3, 12m, supplyDays: 30);  // exactly the limit
        var f = s.Run(Rule(ReviewRuleType.OverSupply, Items(Metformin) with { MaxDays = 30 }, ReviewWindow.Month, result: ReviewResultType.Suspicious))
            .ShouldHaveSingleItem();
        f.Lines.ShouldBe([l1, l2]);
        f.Amount.ShouldBe(12m); // 48 × 10/40
        f.Reason.ShouldContain("用药 40 天");
    }

    [Fact]
    public void Charges_after_death_are_flagged_from_the_day_after()
    {
        var s = new ReviewScene();
        var p = s.Person(death: "2025-03-03");
        var e = s.Enc(p, admission: "2025-03-01", discharge: "2025-03-05");
        s.Line(e, Bed, "2025-03-03", 1, 30m);
        var after = s.Line(e, Bed, "2025-03-04", 1, 30m);
        var f = s.Run(Rule(ReviewRuleType.AfterDeath, new ReviewParameters())).ShouldHaveSingleItem();
        f.Lines.ShouldBe([after]);
        f.Reason.ShouldContain("2025-03-03");
    }

    [Fact]
    public void Charges_outside_coverage_periods_are_flagged()
    {
        var s = new ReviewScene();
        var p = s.Person(coverage: [("2025-01-01", "2025-03-31"), ("2025-05-01", "2025-12-31")]);
        var e1 = s.Enc(p, VisitType.GeneralOutpatient, "2025-03-31");
        var e2 = s.Enc(p, VisitType.GeneralOutpatient, "2025-04-15");
        var e3 = s.Enc(p, VisitType.GeneralOutpatient, "2025-05-01");
        s.Line(e1, Metformin, "2025-03-31");
        var gap = s.Line(e2, Metformin, "2025-04-15");
        s.Line(e3, Metformin, "2025-05-01");
        s.Run(Rule(ReviewRuleType.OutsideCoverage, new ReviewParameters())).ShouldHaveSingleItem().Lines.ShouldBe([gap]);
    }

    [Fact]
    public void Simultaneous_encounters_flag_charges_elsewhere_strictly_inside_a_stay()
    {
        var s = new ReviewScene();
        var p = s.Person();
        var stay = s.Enc(p, admission: "2025-03-01", discharge: "2025-03-10", institution: 1);
        s.Line(stay, Bed, "2025-03-01", 9, 30m);
        var onAdmission = s.Enc(p, VisitType.GeneralOutpatient, "2025-03-01", institution: 2);  // same day as admission: allowed
        s.Line(onAdmission, Metformin, "2025-03-01");
        var inside = s.Enc(p, VisitType.GeneralOutpatient, "2025-03-05", institution: 3);
        var hit = s.Line(inside, Metformin, "2025-03-05");
        var sameHospital = s.Enc(p, VisitType.GeneralOutpatient, "2025-03-06", institution: 1);
        s.Line(sameHospital, Metformin, "2025-03-06");
        var f = s.Run(Rule(ReviewRuleType.SimultaneousEncounters, new ReviewParameters(), result: ReviewResultType.Suspicious)).ShouldHaveSingleItem();
        f.Encounter.ShouldBe(inside);
        f.Lines.ShouldBe([hit]);
    }

    [Fact]
    public void Simultaneous_encounters_give_one_flag_per_encounter_even_inside_two_stays()
    {
        var s = new ReviewScene();
        var p = s.Person();
        s.Line(s.Enc(p, admission: "2025-03-01", discharge: "2025-03-10", institution: 1), Bed, "2025-03-02");
        s.Line(s.Enc(p, admission: "2025-03-03", discharge: "2025-03-12", institution: 2), Bed, "2025-03-11");
        var visit = s.Enc(p, VisitType.GeneralOutpatient, "2025-03-05", institution: 3);
        var hit = s.Line(visit, Metformin, "2025-03-05");
        var flags = s.Run(Rule(ReviewRuleType.SimultaneousEncounters, new ReviewParameters()));
        // The stays' own bed fees (03-02, 03-11) are outside the other stay's interior; the visit is inside both.
        var f = flags.ShouldHaveSingleItem();
        f.Encounter.ShouldBe(visit);
        f.Lines.ShouldBe([hit]);
        f.Reason.ShouldContain("2025-03-01–2025-03-10");
    }

    [Fact]
    public void Scope_effective_dates_and_insutype_limit_where_a_rule_applies()
    {
        var s = new ReviewScene();
        var man = s.Person(Gender.Male);
        var resident = s.Enc(man, insutype: "390", admission: "2025-03-01");
        var employee = s.Enc(man, insutype: "310", admission: "2025-03-02");
        var early = s.Enc(man, insutype: "390", admission: "2024-12-31");
        var r1 = s.Line(resident, Progesterone, "2025-03-01");
        s.Line(employee, Progesterone, "2025-03-02");
        s.Line(early, Progesterone, "2024-12-31");
        var rule = Rule(ReviewRuleType.GenderLimit, Items(Progesterone) with { Gender = 2 }, scope: new ReviewScope { Insutypes = ["390"] })
            with { EffectiveFrom = D("2025-01-01") };
        s.Run(rule).ShouldHaveSingleItem().Lines.ShouldBe([r1]);
    }

    [Fact]
    public void Summary_by_rule_and_by_institution_counts_flags_encounters_lines_and_amounts()
    {
        var s = new ReviewScene();
        var man = s.Person(Gender.Male);
        var e1 = s.Enc(man, institution: 5);
        var e2 = s.Enc(man, admission: "2025-04-01", institution: 9);
        s.Line(e1, Progesterone, "2025-03-01", 1, 20m);
        s.Line(e1, Progesterone, "2025-03-01", 2, 20m);
        s.Line(e2, Progesterone, "2025-04-01", 1, 20m);
        s.Line(e2, Amoxicillin, "2025-04-01", 2, 16m);
        ReviewRule[] rules =
        [
            Rule(ReviewRuleType.PriceCap, Items(Amoxicillin) with { MaxPrice = 15m }, id: "P"),
            Rule(ReviewRuleType.GenderLimit, Items(Progesterone) with { Gender = 2 }, id: "G"),
        ];
        var batch = s.B.Build();
        var flags = new ReviewEngine(rules, s.Items).Evaluate(batch);
        var byRule = ReviewSummary.ByRule(flags, rules);
        byRule.Select(r => (r.Key, r.Flags, r.Encounters, r.Lines, r.Amount)).ShouldBe([("P", 1, 1, 1, 2m), ("G", 3, 2, 3, 80m)]);
        var byInst = ReviewSummary.ByInstitution(flags, batch, i => "机构" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        byInst.Select(r => (r.Name, r.Flags, r.Amount)).ShouldBe([("机构5", 2, 60m), ("机构9", 2, 22m)]);
    }

    [Fact]
    public void Lines_of_items_no_rule_names_are_ignored_even_when_interned_later()
    {
        var s = new ReviewScene();
        var p = s.Person();
        var e = s.Enc(p);
        var engine = new ReviewEngine([Rule(ReviewRuleType.GenderLimit, Items(Progesterone) with { Gender = 2 })], s.Items);
        s.Line(e, "NEW-CODE-AFTER-COMPILE", "2025-03-01");
        engine.Evaluate(s.B.Build()).ShouldBeEmpty();
    }
}
