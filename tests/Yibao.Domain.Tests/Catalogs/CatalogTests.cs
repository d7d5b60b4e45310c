using System.Text;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Tests.Settlement;

namespace Yibao.Domain.Tests.Catalogs;

public class CatalogTests
{
    private static string SampleCsvPath => Path.Combine(Fixtures.RepoRoot, "samples", "catalogs", "demo-catalog.csv");

    private static string Render(IEnumerable<CatalogItem> items)
    {
        var sw = new StringWriter(new StringBuilder()) { NewLine = "\n" };
        CatalogCsv.Write(sw, items);
        return sw.ToString();
    }

    [Fact]
    public void Demo_catalog_is_deterministic_covers_all_types_and_matches_the_committed_sample()
    {
        var items = DemoCatalogGenerator.Generate();
        items.Count.ShouldBeGreaterThan(3000);
        foreach (var t in Enum.GetValues<CatalogListType>())
        {
            items.Count(i => i.ListType == t).ShouldBeGreaterThan(200);
        }

        foreach (var c in Enum.GetValues<PaymentCategory>())
        {
            items.ShouldContain(i => i.Category == c);
        }

        items.Select(i => i.Code).Distinct(StringComparer.Ordinal).Count().ShouldBe(items.Count);
        var csv = Render(items);
        Render(DemoCatalogGenerator.Generate()).ShouldBe(csv);

        // Set YIBAO_REGENERATE_SAMPLES=1 to rewrite samples/catalogs/*.csv from the generator.
        if (Environment.GetEnvironmentVariable("YIBAO_REGENERATE_SAMPLES") == "1")
        {
            File.WriteAllText(SampleCsvPath, csv, new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(SampleCsvPath)!, "diagnoses.csv"),
                "diag_code,diag_name\n" + string.Concat(DemoCatalogGenerator.Diagnoses.Select(d => d.Code + "," + d.Name + "\n")), new UTF8Encoding(false));
        }

        File.ReadAllText(SampleCsvPath).ShouldBe(csv);
    }

    [Fact]
    public void Csv_round_trips_items_periods_and_restrictions()
    {
        var items = DemoCatalogGenerator.Generate(200);
        var parsed = CatalogCsv.Parse(new StringReader(Render(items)));
        parsed.Items.Count.ShouldBe(items.Count);
        Render(parsed.Items).ShouldBe(Render(items));
        var bev = parsed.Find(Fixtures.Bevacizumab).ShouldNotBeNull();
        bev.Restrictions.DiagnosisPrefixes.ShouldBe(["C18", "C19", "C20", "C34"]);
        bev.SelfPayRatios.Count.ShouldBe(3);
    }

    [Fact]
    public void Self_pay_ratio_is_effective_dated_and_area_specific()
    {
        var bev = Fixtures.Catalog.Find(Fixtures.Bevacizumab).ShouldNotBeNull();
        bev.SelfPayRatio("999001", new DateOnly(2025, 6, 1)).ShouldBe(0.20m); // 示范县自定
        bev.SelfPayRatio("110101", new DateOnly(2025, 6, 1)).ShouldBe(0.30m); // 国家默认
        bev.SelfPayRatio("999001", new DateOnly(2024, 6, 1)).ShouldBe(0.35m); // 2024 期间
        Fixtures.Catalog.Find(Fixtures.Bed)!.SelfPayRatio("999001", new DateOnly(2025, 6, 1)).ShouldBe(0m);
    }

    [Fact]
    public void Bad_rows_are_reported_with_line_numbers()
    {
        var csv = string.Join(',', CatalogCsv.Columns) + "\nX1,测试,999,盒,01,,,,,,,,,,,,,\nX2,测试,101,盒,07,,,,,,,,,,,,,\n";
        var ex = Should.Throw<FormatException>(() => CatalogCsv.Parse(new StringReader(csv)));
        ex.Message.ShouldContain("第2行：目录类别“999”无效");
        ex.Message.ShouldContain("第3行：收费项目等级“07”无效");
    }
}
