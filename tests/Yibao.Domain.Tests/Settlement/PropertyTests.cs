using CsCheck;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Policies;
using Yibao.Domain.Settlement;
using static Yibao.Domain.Tests.Settlement.Fixtures;

namespace Yibao.Domain.Tests.Settlement;

/// <summary>CsCheck properties for every settlement invariant, on the 示范县 policy and the demo catalog.</summary>
public class PropertyTests
{
    private const long Iter = 400;

    private static readonly string[] Codes =
    [
        .. DemoCatalogGenerator.FixedItems.Select(i => i.Code),
        .. Fixtures.Catalog.Items.Skip(100).Take(40).Select(i => i.Code),
        "UNKNOWN-1", "UNKNOWN-2",
    ];

    private static readonly PersonSnapshot[] People =
    [
        Resident("R0"), Resident("R1", "dibao"), Resident("R2", "tekun"), Resident("R3", "tuopin"), Resident("R4", "jiance"),
        Resident("R5", "shangcan", "dibao"),
        Employee(false, 500m, "310", "330", "320"), Employee(true, 2000m, "310", "330"), Employee(false, 0m, "310", "510"),
        new() { PsnNo = "L", Insutypes = ["340"], Category = "31", Age = 92 },
        new() { PsnNo = "K", Insutypes = ["390", "392"], Category = "22", Age = 8, Gender = Gender.Female },
    ];

    private static readonly Gen<FeeLine> GenLine =
        Gen.Select(Gen.Int[0, Codes.Length - 1], Gen.Int[1, 12], Gen.Int[1, 300_000])
            .Select((c, q, cents) => Line(Codes[c], q, cents / 100m));

    private static readonly Gen<(Encounter Enc, FeeLine[] Lines)> GenEncounter =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[1, 4], Gen.Int[0, 300], Gen.Int[0, 30], GenLine.Array[1, 25], Gen.Int[0, 3])
            .Select((vt, lv, pl, day, los, lines, dis) =>
            {
                var visit = vt switch { 0 => VisitType.GeneralOutpatient, 1 => VisitType.ChronicOutpatient, 2 => VisitType.Inpatient, _ => VisitType.Maternity };
                var adm = new DateOnly(2025, 1, 1).AddDays(day);
                return (new Encounter
                {
                    Id = "G",
                    VisitType = visit,
                    InstitutionLevel = (InstitutionLevel)lv,
                    Place = (Place)pl,
                    AdmissionDate = adm,
                    DischargeDate = adm.AddDays(visit == VisitType.Inpatient ? los : 0),
                    Diagnoses = dis == 0 ? ["C34.900"] : ["J18.900"],
                    ChronicDisease = (string[])["HBP", "DM", "CA", "ESRD"] is var d ? d[dis] : null,
                }, lines);
            });

    private static readonly Gen<(PersonSnapshot Person, (Encounter Enc, FeeLine[] Lines)[] Encounters)> GenYear =
        Gen.Select(Gen.Int[0, People.Length - 1], GenEncounter.Array[1, 8]).Select((p, e) => (People[p], e.OrderBy(x => x.Enc.AdmissionDate).ToArray()));

    private static List<SettlementResult> RunYear(PersonSnapshot person, (Encounter Enc, FeeLine[] Lines)[] encounters)
    {
        var acc = Calculator.NewAccumulators();
        var results = new List<SettlementResult>();
        var balance = person.AccountBalance;
        foreach (var (enc, lines) in encounters)
        {
            var p = new PersonSnapshot { PsnNo = person.PsnNo, Insutypes = person.Insutypes, Category = person.Category, Statuses = person.Statuses, Age = person.Age, Gender = person.Gender, AccountBalance = balance };
            var r = Calculator.Calculate(p, enc, lines, acc);
            acc = r.Accumulators;
            balance -= r.Setl.AcctPay;
            results.Add(r);
        }

        return results;
    }

    private static bool IsFen(decimal x) => decimal.Round(x, 2) == x;

    [Fact]
    public void Parts_add_up_to_the_fen_and_no_fund_pays_negative()
    {
        GenYear.Sample(y =>
        {
            foreach (var r in RunYear(y.Person, y.Encounters))
            {
                var s = r.Setl;
                foreach (var (name, value) in s.Fields())
                {
                    (value >= 0m).ShouldBeTrue($"{name} = {value} < 0");
                    IsFen(value).ShouldBeTrue($"{name} = {value} 不是整分");
                }

                (s.FulamtOwnpayAmt + s.OverlmtSelfpay + s.PreselfpayAmt + s.InscpScpAmt).ShouldBe(s.MedfeeSumamt);
                (s.ActPayDedc + s.HifpPay + s.PoolPropSelfpay).ShouldBe(s.InscpScpAmt);
                (s.HifpPay + s.CvlservPay + s.HifobPay + s.HifmiPay + s.HifdmPay + s.MafPay + s.OthPay).ShouldBe(s.FundPaySumamt);
                (s.FundPaySumamt + s.PsnPartAmt).ShouldBe(s.MedfeeSumamt);
                (s.AcctPay + s.PsnCashPay).ShouldBe(s.PsnPartAmt);
                foreach (var l in r.Lines)
                {
                    (l.FulamtOwnpay + l.Overlmt + l.Preselfpay + l.Inscp).ShouldBe(l.Amount);
                    (l.FulamtOwnpay >= 0m && l.Overlmt >= 0m && l.Preselfpay >= 0m && l.Inscp >= 0m).ShouldBeTrue();
                }
            }
        }, iter: Iter);
    }

    [Fact]
    public void Caps_are_never_exceeded_across_a_year_and_account_never_overdrawn()
    {
        GenYear.Sample(y =>
        {
            var results = RunYear(y.Person, y.Encounters);
            var acc = results[^1].Accumulators;
            foreach (var s in Policy.Schemes)
            {
                if (s.AnnualCap is decimal cap)
                {
                    acc[s.CapSlot].ShouldBeLessThanOrEqualTo(cap);
                }
            }

            foreach (var l in Policy.Layers)
            {
                var noCap = l.Def.Adjustments.Any(a => a.NoCap && a.Statuses.Intersect(y.Person.Statuses).Any());
                if (l.Def.AnnualCap is decimal cap && !noCap)
                {
                    acc[l.PaidSlot].ShouldBeLessThanOrEqualTo(cap);
                }
            }

            results.Sum(r => r.Setl.AcctPay).ShouldBeLessThanOrEqualTo(y.Person.AccountBalance);
        }, iter: Iter);
    }

    [Fact]
    public void Banded_layers_pay_exactly_F_of_the_cumulative_basis()
    {
        GenYear.Sample(y =>
        {
            var results = RunYear(y.Person, y.Encounters);
            var acc = results[^1].Accumulators;
            foreach (var l in Policy.Layers)
            {
                var threshold = l.Def.Threshold;
                var bonus = 0m;
                decimal? cap = l.Def.AnnualCap;
                var adj = l.Def.Adjustments.FirstOrDefault(a => a.Statuses.Intersect(y.Person.Statuses).Any());
                if (adj is not null)
                {
                    threshold = adj.ThresholdFactor is decimal f ? Math.Round(threshold * f, 2, MidpointRounding.AwayFromZero) : threshold;
                    bonus = adj.RatioBonus;
                    cap = adj.NoCap ? null : cap;
                }

                acc[l.PaidSlot].ShouldBe(SettlementCalculator.LayerFunction(l.Bands, threshold, bonus, cap, acc[l.BaseSlot]), l.Def.Name);
            }
        }, iter: Iter);
    }

    [Fact]
    public void Critical_illness_and_assistance_totals_do_not_depend_on_how_costs_are_split_into_encounters()
    {
        // A person whose in-scope burden goes straight to the annual layers (392 + 救助, no basic scheme):
        // one encounter with all lines pays the same 大病 and 救助 totals as any split into several encounters.
        // Quantity limits per day/stay depend on the encounter by design, so this property uses items without them.
        var codes = Codes.Where(c => Fixtures.Catalog.Find(c)?.Restrictions is not { MaxQuantityPerDay: not null } and not { MaxQuantityPerStay: not null }).ToArray();
        var line = Gen.Select(Gen.Int[0, codes.Length - 1], Gen.Int[1, 12], Gen.Int[1, 300_000]).Select((c, q, cents) => Line(codes[c], q, cents / 100m));
        var gen = Gen.Select(Gen.Int[0, 3], line.Array[1, 40], Gen.Int[1, 6], Gen.Int[0, int.MaxValue]);
        string[][] statuses = [[], ["dibao"], ["tekun"], ["tuopin"]];
        gen.Sample((st, lines, parts, seed) =>
        {
            var person = new PersonSnapshot { PsnNo = "S", Insutypes = ["392"], Category = "21", Statuses = statuses[st], Age = 50 };
            var whole = Calculator.Calculate(person, Inpatient(InstitutionLevel.Second), lines, Calculator.NewAccumulators());
            var rnd = new Random(seed);
            var chunks = lines.GroupBy(_ => rnd.Next(parts)).Select(g => g.ToArray()).ToList();
            var acc = Calculator.NewAccumulators();
            decimal mi = 0m, maf = 0m;
            var day = 0;
            foreach (var c in chunks)
            {
                var r = Calculator.Calculate(person, Inpatient(InstitutionLevel.Second, admission: new DateOnly(2025, 1, 1).AddDays(day += 20)), c, acc);
                acc = r.Accumulators;
                mi += r.Setl.HifmiPay;
                maf += r.Setl.MafPay;
            }

            mi.ShouldBe(whole.Setl.HifmiPay);
            maf.ShouldBe(whole.Setl.MafPay);
        }, iter: Iter);
    }

    [Fact]
    public void More_eligible_cost_never_lowers_any_fund_payment()
    {
        var gen = Gen.Select(GenYear, Gen.Int[1, 5_000_000]);
        gen.Sample((y, extraCents) =>
        {
            var prefix = y.Encounters[..^1];
            var (enc, lines) = y.Encounters[^1];
            var acc = prefix.Length > 0 ? RunYear(y.Person, prefix)[^1].Accumulators : Calculator.NewAccumulators();
            var a = Calculator.Calculate(y.Person, enc, [.. lines, Line(Blood, 1, 1m)], acc);
            var b = Calculator.Calculate(y.Person, enc, [.. lines, Line(Blood, 1, 1m + (extraCents / 100m))], acc);
            var fa = a.Setl.Fields();
            var fb = b.Setl.Fields();
            string[] funds = ["hifp_pay", "cvlserv_pay", "hifob_pay", "hifmi_pay", "hifdm_pay", "maf_pay", "oth_pay", "fund_pay_sumamt", "inscp_scp_amt"];
            for (var i = 0; i < fa.Length; i++)
            {
                if (funds.Contains(fa[i].Name))
                {
                    fb[i].Value.ShouldBeGreaterThanOrEqualTo(fa[i].Value, fa[i].Name);
                }
            }
        }, iter: Iter);
    }

    [Fact]
    public void Band_function_is_monotone_with_slope_at_most_one_and_telescopes()
    {
        var gen = Gen.Select(Gen.Int[0, 50_000_00].Array[1, 10], Gen.Int[0, 20], Gen.Int[0, 3_000_000]);
        var bands = Policy.Layers.Single(l => l.Def.Id == "dabing").Bands;
        gen.Sample((cents, bonusPct, capYuan) =>
        {
            decimal? cap = capYuan == 0 ? null : capYuan;
            var bonus = bonusPct / 100m;
            decimal c = 0m, paid = 0m;
            foreach (var x in cents)
            {
                var b = x / 100m;
                var p = SettlementCalculator.LayerFunction(bands, 15000m, bonus, cap, c + b) - SettlementCalculator.LayerFunction(bands, 15000m, bonus, cap, c);
                p.ShouldBeGreaterThanOrEqualTo(0m);
                p.ShouldBeLessThanOrEqualTo(b);
                paid += p;
                c += b;
            }

            paid.ShouldBe(SettlementCalculator.LayerFunction(bands, 15000m, bonus, cap, c));
        }, iter: Iter);
    }
}
