using System.Text;
using DocumentFormat.OpenXml.Packaging;
using MiniExcelLibs;
using Yibao.Domain.Budget.Disclosure;
using Yibao.Domain.Budget.Model;
using Yibao.Infrastructure.Documents;
using Yibao.Infrastructure.Reports.Budget;

namespace Yibao.Application.Tests.Budget;

public class BudgetRenderingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("yibao-budget-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, true);
        GC.SuppressFinalize(this);
    }

    private static string Sample(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "samples", "budgets")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir!.FullName, "samples", "budgets", name + ".json");
    }

    private static GeneratedDisclosure Compose(string name, string profile)
    {
        var b = BudgetJson.Parse(File.ReadAllText(Sample(name)));
        return DisclosureComposer.Compose(b, DisclosureProfiles.Find(profile)!);
    }

    [Fact]
    public async Task Docx_reads_back_with_text_and_totals_and_passes_the_checker()
    {
        var d = Compose("dacheng-2023", "hebei");
        var path = Path.Combine(_dir, "d.docx");
        await using (var s = File.Create(path))
        {
            BudgetDocxRenderer.Render(d, s);
        }
        using (var doc = WordprocessingDocument.Open(path, false))
        {
            var text = doc.MainDocumentPart!.Document!.Body!.InnerText;
            text.ShouldContain("大城县医疗保障局2023年部门预算公开");
            text.ShouldContain("8197.37");
            text.ShouldContain("540.77");
        }
        var extracted = await new DocumentTextExtractor().ReadTextAsync(path, TestContext.Current.CancellationToken);
        DisclosureChecker.Check("d.docx", extracted).Where(f => f.Severity == FindingSeverity.Error).ShouldBeEmpty();
    }

    [Fact]
    public async Task Xlsx_has_one_sheet_per_table_with_totals()
    {
        var d = Compose("zhenan-2023", "shaanxi");
        var path = Path.Combine(_dir, "z.xlsx");
        await using (var s = File.Create(path))
        {
            BudgetXlsxRenderer.Render(d, s);
        }
        var sheets = MiniExcel.GetSheetNames(path);
        sheets.Count.ShouldBe(15);
        var rows = MiniExcel.Query(path, useHeaderRow: true, sheetName: sheets[4]).Cast<IDictionary<string, object>>().ToList();
        Convert.ToDecimal(rows[0]["合计"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(3131700m);
    }

    [Fact]
    public void Html_and_fdp_contain_the_tables()
    {
        var d = Compose("yanchi-2024", "ningxia");
        var html = BudgetHtmlRenderer.Render(d);
        html.ShouldContain("<html lang=\"zh-CN\">");
        html.ShouldContain("429.75");
        html.ShouldContain("政府性基金预算财政拨款支出预算表");
        var files = BudgetFdpRenderer.Render(d, _dir);
        files.Count.ShouldBe(10);
        File.ReadAllText(Path.Combine(_dir, "datapackage.json")).ShouldContain("\"fiscal-data-package\"");
        File.ReadAllText(Path.Combine(_dir, "table-01.csv"), Encoding.UTF8).ShouldContain("4297500.00");
    }

    [Fact]
    public async Task Pdf_has_page_numbers_and_totals()
    {
        Assert.SkipUnless(BudgetPdfRenderer.IsAvailable, $"未找到 Chromium（{BudgetPdfRenderer.ChromiumPath}），跳过 PDF 测试");
        var d = Compose("zhengding-2018", "hebei");
        var pdf = await BudgetPdfRenderer.RenderAsync(BudgetHtmlRenderer.Render(d), TestContext.Current.CancellationToken);
        var path = Path.Combine(_dir, "z.pdf");
        await File.WriteAllBytesAsync(path, pdf, TestContext.Current.CancellationToken);
        var text = await new DocumentTextExtractor().ReadTextAsync(path, TestContext.Current.CancellationToken);
        text.ShouldContain("4622.39");
        text.ShouldMatch(@"第\s*1\s*[页⻚]\s*/\s*共\s*\d+\s*[页⻚]"); // PDF fonts may map 页 to the radical ⻚
    }

    [Fact]
    public async Task Cli_validate_returns_1_with_json_findings_and_2_for_a_missing_file()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        (await BudgetFileCommands.ValidateAsync(Sample("dacheng-2023"), true, output, error, TestContext.Current.CancellationToken)).ShouldBe(1);
        output.ToString().ShouldContain("SUM-BASIC");
        (await BudgetFileCommands.ValidateAsync(Sample("zhengding-2018"), false, new StringWriter(), error, TestContext.Current.CancellationToken)).ShouldBe(0);
        (await BudgetFileCommands.ValidateAsync(Path.Combine(_dir, "none.json"), false, new StringWriter(), error, TestContext.Current.CancellationToken)).ShouldBe(2);
        error.ToString().ShouldContain("找不到预算文件");
    }

    [Fact]
    public async Task Cli_render_writes_each_format_and_rejects_bad_arguments()
    {
        foreach (var format in new[] { "html", "docx", "xlsx", "fdp" })
        {
            var output = new StringWriter();
            (await BudgetFileCommands.RenderAsync(Sample("miyi-2020"), "sichuan", format, _dir, output, new StringWriter(), TestContext.Current.CancellationToken)).ShouldBe(0, format);
            output.ToString().ShouldContain("已生成");
        }
        var error = new StringWriter();
        (await BudgetFileCommands.RenderAsync(Sample("miyi-2020"), "guangdong", "html", _dir, new StringWriter(), error, TestContext.Current.CancellationToken)).ShouldBe(2);
        error.ToString().ShouldContain("--profile");
        (await BudgetFileCommands.RenderAsync(Sample("miyi-2020"), "sichuan", "rtf", _dir, new StringWriter(), error, TestContext.Current.CancellationToken)).ShouldBe(2);
    }
}
