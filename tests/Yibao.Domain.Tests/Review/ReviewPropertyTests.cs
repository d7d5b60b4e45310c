using System.Globalization;
using CsCheck;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Review;

namespace Yibao.Domain.Tests.Review;

/// <summary>
/// CsCheck properties of the engine over random small worlds (persons, encounters, lines of the codes the sample
/// rules name plus unrelated codes), evaluated with every rule of samples/review/shifanxian-rules.json.
/// </summary>
public class ReviewPropertyTests
{
    private const long Iter = 300;

    internal static readonly ReviewRuleSet Sample = ReviewRuleJson.Parse(File.ReadAllText(SamplePath()));

    private static readonly string[] RuleCodes = [.. Sample.Rules.SelectMany(r => r.Parameters.Items.Concat(r.Parameters.OtherItems).Concat(r.Parameters.CompanionItems)).Distinct()];

    private static readonly string[] Unrelated = ["U-0001", "U-0002", "U-0003", "002101010099999"];

    private static readonly string[] Diagnoses = ["J18.900", "J18.000", "C34.900", "N18.500", "K35.900", "I10.x00"];

    internal static string SamplePath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yibao.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "samples", "review", "shifanxian-rules.json");
    }

    private sealed record W(
        (Gender G, int Birth, int? Death, int CovFrom, int CovTo)[] Persons,
        (int Person, VisitType Visit, int Adm, int Los, int Inst, int Level, string Insutype, string Diag)[] Encounters,
        (int Enc, string Code, int Day, int Qty, int PriceCents, int Supply)[] Lines);

    /// <summary>A random world; everything is derived from the seed with a small LCG so CsCheck can shrink the seed.</summary>
    private static W World(ulong seed)
    {
        var state = seed * 2862933555777941757UL + 3037000493UL;
        int Next(int n)
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            return (int)((state >> 33) % (ulong)n);
        }

        var day0 = new DateOnly(2025, 1, 1).DayNumber;
        var persons = Enumerable.Range(0, 1 + Next(3)).Select(_ =>
            (Next(2) == 0 ? Gender.Male : Gender.Female, day0 - 365 * (5 + Next(80)) - Next(365), Next(5) == 0 ? (int?)(day0 + Next(120)) : null,
             day0 - Next(30), day0 + 60 + Next(120))).ToArray();
        var encs = Enumerable.Range(0, 1 + Next(6)).Select(_ =>
        {
            var visit = Next(3) switch { 0 => VisitType.GeneralOutpatient, 1 => VisitType.ChronicOutpatient, _ => VisitType.Inpatient };
            return (Next(persons.Length), visit, day0 + Next(90), visit == VisitType.Inpatient ? Next(12) : 0, 1 + Next(3), Next(4),
                Next(2) == 0 ? "390" : "310", Diagnoses[Next(Diagnoses.Length)]);
        }).ToArray();
        var lines = Enumerable.Range(0, 1 + Next(40)).Select(_ =>
        {
            var e = Next(encs.Length);
            var code = Next(6) == 0 ? Unrelated[Next(Unrelated.Length)] : RuleCodes[Next(RuleCodes.Length)];
            return (e, code, Next(encs[e].Item4 + 1), 1 + Next(5), 100 + Next(5000), Next(3) == 0 ? 10 + Next(25) : 0);
        }).ToArray();
        return new W(persons, encs, lines);
    }

    private static (ReviewBatch Batch, CodeTable Items) Build(W w, int[]? order = null)
    {
        var items = new CodeTable();
        var b = new ReviewBatchBuilder(items);
        foreach (var p in w.Persons)
        {
            b.AddPerson(p.G, DateOnly.FromDayNumber(p.Birth), p.Death is int d ? DateOnly.FromDayNumber(d) : null,
                [(DateOnly.FromDayNumber(p.CovFrom), DateOnly.FromDayNumber(p.CovTo))]);
        }

        foreach (var e in w.Encounters)
        {
            b.AddEncounter(e.Person, e.Inst, (InstitutionLevel)e.Level, InstitutionType.Hospital, e.Visit, e.Insutype,
                DateOnly.FromDayNumber(e.Adm), DateOnly.FromDayNumber(e.Adm + e.Los), e.Diag);
        }

        foreach (var i in order ?? Enumerable.Range(0, w.Lines.Length).ToArray())
        {
            var l = w.Lines[i];
            var price = l.PriceCents / 100m;
            b.AddLine(l.Enc, l.Code, DateOnly.FromDayNumber(w.Encounters[l.Enc].Adm + l.Day), l.Qty, price, l.Qty * price, l.Supply);
        }

        return (b.Build(), items);
    }

    private static List<ReviewFlag> Evaluate(W w, IEnumerable<ReviewRule> rules, int[]? order = null)
    {
        var (batch, items) = Build(w, order);
        return new ReviewEngine(rules, items).Evaluate(batch);
    }

    private static string Key(ReviewFlag f, int[] toOriginal) =>
        string.Create(CultureInfo.InvariantCulture, $"{f.RuleId}|{f.Encounter}|{f.Person}|{string.Join(",", f.Lines.Select(l => toOriginal[l]).Order())}|{f.Amount}|{f.Reason}");

    [Fact]
    public void Reordering_lines_never_changes_flags()
    {
        Gen.Select(Gen.ULong, Gen.ULong).Sample((seed, shuffle) =>
        {
            var w = World(seed);
            var order = Enumerable.Range(0, w.Lines.Length).ToArray();
            var st = shuffle | 1;
            for (var i = order.Length - 1; i > 0; i--)
            {
                st = (st * 6364136223846793005UL) + 1442695040888963407UL;
                var j = (int)((st >> 33) % (ulong)(i + 1));
                (order[i], order[j]) = (order[j], order[i]);
            }

            var identity = Enumerable.Range(0, w.Lines.Length).ToArray();
            var a = Evaluate(w, Sample.Rules).Select(f => Key(f, identity)).Order(StringComparer.Ordinal).ToList();
            var b = Evaluate(w, Sample.Rules, order).Select(f => Key(f, order)).Order(StringComparer.Ordinal).ToList();
            b.ShouldBe(a);
        }, iter: Iter);
    }

    /// <summary>
    /// Unrelated lines: codes no rule names, added to existing encounters. 挂床住院 is left out on purpose: a
    /// treatment charge on an idle day is exactly what clears it.
    /// </summary>
    [Fact]
    public void Adding_unrelated_lines_never_removes_a_flag()
    {
        var rules = Sample.Rules.Where(r => r.Type != ReviewRuleType.BedBlocking).ToList();
        Gen.Select(Gen.ULong, Gen.Int[1, 20], Gen.Int[0, 1000]).Sample((seed, extra, salt) =>
        {
            var w = World(seed);
            var more = Enumerable.Range(0, extra).Select(k =>
            {
                var e = (k * 7 + salt) % w.Encounters.Length;
                return (e, Unrelated[(k + salt) % Unrelated.Length], (k + salt) % (w.Encounters[e].Los + 1), 1 + (k % 3), 100 + salt, 0);
            });
            var w2 = w with { Lines = [.. w.Lines, .. more] };
            var before = Evaluate(w, rules);
            var after = Evaluate(w2, rules);
            foreach (var f in before)
            {
                after.Any(g => g.RuleId == f.RuleId && g.Encounter == f.Encounter && f.Lines.All(g.Lines.Contains))
                    .ShouldBeTrue($"{f.RuleId} on encounter {f.Encounter} disappeared");
            }
        }, iter: Iter);
    }

    [Fact]
    public void Flagged_amount_never_exceeds_the_amounts_of_its_lines()
    {
        Gen.ULong.Sample(seed =>
        {
            var w = World(seed);
            var (batch, items) = Build(w);
            foreach (var f in new ReviewEngine(Sample.Rules, items).Evaluate(batch))
            {
                f.Amount.ShouldBeGreaterThanOrEqualTo(0m);
                f.Amount.ShouldBeLessThanOrEqualTo(f.Lines.Sum(batch.LineAmountOf), f.RuleId);
                f.Lines.ShouldBe(f.Lines.Order().Distinct());
            }
        }, iter: Iter);
    }

    [Fact]
    public void The_random_worlds_do_hit_most_rule_types()
    {
        var hit = new HashSet<ReviewRuleType>();
        for (ulong seed = 1; seed < 400; seed++)
        {
            foreach (var f in Evaluate(World(seed), Sample.Rules))
            {
                hit.Add(f.Type);
            }
        }

        hit.Count.ShouldBeGreaterThanOrEqualTo(12, string.Join(",", hit));
    }
}
