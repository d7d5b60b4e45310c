using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Review;

namespace Yibao.Benchmarks.Review;

/// <summary>
/// A deterministic synthetic year of a county's fee lines, built in memory from the demo catalog: about 60 lines per
/// person, 85 % 普通门诊 visits of 3–25 lines, 5 % 门诊慢特病, 10 % 住院 of 2–20 days with a bed fee per day and
/// about 8 lines per day; 8 % of lines use the items the sample rules name, so every rule type has work and some hits.
/// </summary>
public static class ReviewYearGenerator
{
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yibao.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    public static ReviewRuleSet SampleRules() =>
        ReviewRuleJson.Parse(File.ReadAllText(Path.Combine(Root(), "samples", "review", "shifanxian-rules.json")));

    /// <summary>Generates about <paramref name="lines"/> fee lines of year 2025 (stops at the first encounter that reaches it).</summary>
    public static ReviewBatch Generate(int lines, CodeTable items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var catalog = DemoCatalogGenerator.Generate();
        var rules = SampleRules();
        var catalogIds = catalog.Select(i => items.Intern(i.Code)).ToArray();
        var caps = catalog.Select(i => i.PriceCap ?? 0m).ToArray();
        var ruleIds = rules.Rules.SelectMany(r => r.Parameters.Items.Concat(r.Parameters.OtherItems).Concat(r.Parameters.CompanionItems))
            .Distinct(StringComparer.Ordinal).Select(items.Intern).ToArray();
        var bed = items.Intern("001102000010000");
        var metformin = items.Intern("XA10BAA015A001010100004");
        string[] diagnoses = ["I10.x00", "E11.900", "J18.900", "C34.900", "C18.900", "N18.500", "I21.900", "K35.900", "H25.900", "J06.900"];
        string[] insutypes = ["390", "390", "390", "310"];

        var persons = lines / 60 + 1;
        var builder = new ReviewBatchBuilder(items, null, lines + 4096, persons * 4 + 64, persons + 16);
        ulong state = 20250601;
        int Next(int n)
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            return (int)((state >> 33) % (ulong)n);
        }

        var jan1 = new DateOnly(2025, 1, 1).DayNumber;
        var count = 0;
        for (var p = 0; count < lines; p++)
        {
            var birth = DateOnly.FromDayNumber(jan1 - 365 * (1 + Next(90)) - Next(365));
            DateOnly? death = Next(500) == 0 ? DateOnly.FromDayNumber(jan1 + Next(365)) : null;
            var person = Next(200) == 0
                ? builder.AddPerson(Next(2) == 0 ? Gender.Male : Gender.Female, birth, death, (new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30)))
                : builder.AddPerson(Next(2) == 0 ? Gender.Male : Gender.Female, birth, death, (new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31)));
            var visits = 1 + Next(6);
            for (var v = 0; v < visits && count < lines; v++)
            {
                var roll = Next(100);
                var visit = roll < 85 ? VisitType.GeneralOutpatient : roll < 90 ? VisitType.ChronicOutpatient : VisitType.Inpatient;
                var institution = Next(60);
                var level = (InstitutionLevel)(institution % 4);
                var type = institution < 10 ? InstitutionType.Hospital : institution < 30 ? InstitutionType.PrimaryCare : institution < 50 ? InstitutionType.VillageClinic : InstitutionType.Pharmacy;
                var admission = jan1 + Next(360);
                var stay = visit == VisitType.Inpatient ? 2 + Next(19) : 0;
                var enc = builder.AddEncounter(person, institution, level, type, visit, insutypes[Next(insutypes.Length)],
                    DateOnly.FromDayNumber(admission), DateOnly.FromDayNumber(admission + stay), diagnoses[Next(diagnoses.Length)]);
                var n = visit == VisitType.Inpatient ? stay * 8 : 3 + Next(23);
                if (visit == VisitType.Inpatient)
                {
                    for (var d = 0; d < stay && count < lines; d++, count++)
                    {
                        builder.AddLine(enc, bed, admission + d, 1000, 300_000, 3000, 0);
                    }

                    n -= stay;
                }

                for (var k = 0; k < n && count < lines; k++, count++)
                {
                    int item;
                    if (Next(100) < 8)
                    {
                        item = ruleIds[Next(ruleIds.Length)];
                    }
                    else
                    {
                        item = catalogIds[Next(catalogIds.Length)];
                    }

                    var qty = 1 + Next(3);
                    var cap = item < caps.Length ? caps[item] : 0m;
                    var priceFen = cap > 0m ? (long)(cap * 100m) - Next(3) + (Next(50) == 0 ? 100 : 0) : 50 + Next(20000);
                    var day = admission + (stay == 0 ? 0 : Next(stay));
                    builder.AddLine(enc, item, day, qty * 1000L, priceFen * 100, priceFen * qty, item == metformin ? 7 + Next(24) : 0);
                }
            }
        }

        return builder.Build();
    }
}
