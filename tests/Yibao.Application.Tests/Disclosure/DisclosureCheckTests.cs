using System.Diagnostics;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Yibao.Application.Disclosure;
using Yibao.Domain.Budget.Disclosure;
using Yibao.Infrastructure.Documents;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Yibao.Application.Tests.Disclosure;

/// <summary>The use case end to end: DOCX and PDF extraction, JSON shape, exit codes, batch summary.</summary>
public sealed class DisclosureCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("yibao-disclosure-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Title = "示范县医疗保障局2023年部门预算公开";
    private const string Narrative = "2023年支出预算100万元，其中基本支出60.15万元，包括人员经费50万元和公用经费10万元；项目支出40万元。";

    private static readonly string[][] TableRows =
    [
        ["科目编码", "科目名称", "合计", "人员经费", "公用经费", "项目支出"],
        ["210", "卫生健康支出", "1000000.00", "500000.00", "100000.00", "400000.00"],
        ["21015", "医疗保障管理事务", "1000000.00", "500000.00", "100000.00", "400000.00"],
        ["2101550", "事业运行", "600000.00", "500000.00", "100000.00", ""],
        ["2101506", "医疗保障经办事务", "300000.00", "", "", "300000.00"],
    ];

    private static CheckDisclosure Checker() => new(new DocumentTextExtractor());

    private static void AssertSameFigures(DisclosureReport r)
    {
        // narrative: 基本支出 60.15 ≠ 50 + 10
        r.Findings.ShouldContain(f => f.Rule == "SUM-BASIC" && f.Actual == "60.15万元" && f.Expected == "60.00万元");
        // table: 21015 项目支出 400000 ≠ 2101506 300000 (and the 合计 column)
        r.Findings.ShouldContain(f => f.Rule == "TBL-SUM" && f.Actual == "400000.00元" && f.Expected == "300000.00元");
    }

    [Fact]
    public async Task Docx_made_with_OpenXml_is_extracted_with_its_table()
    {
        var path = Path.Combine(_dir, "a.docx");
        using (var doc = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new W.Body();
            W.Paragraph P(string s) => new(new W.Run(new W.Text(s)));
            body.Append(P(Title), P(Narrative), P("一般公共预算支出表"), P("单位：元"));
            var table = new W.Table();
            foreach (var row in TableRows)
            {
                table.Append(new W.TableRow(row.Select(c => new W.TableCell(P(c))).ToArray<OpenXmlElement>()));
            }
            body.Append(table, P("以上为支出表。"));
            main.Document = new W.Document(body);
        }
        var r = await Checker().CheckFileAsync(path, TestContext.Current.CancellationToken);
        r.Year.ShouldBe(2023);
        AssertSameFigures(r);
    }

    [Fact]
    public async Task Pdf_printed_by_chromium_is_extracted_with_its_table()
    {
        const string chromium = "/usr/bin/chromium";
        Assert.SkipUnless(File.Exists(chromium), "没有 /usr/bin/chromium，跳过 PDF 生成");
        var html = Path.Combine(_dir, "a.html");
        // PDF extraction keeps columns by the gaps between words; blank cells leave no gap, so the PDF shows 0.00 for them
        var rows = string.Concat(TableRows.Select(r => "<tr>" + string.Concat(r.Select(c => $"<td style='padding:2px 28px;white-space:nowrap'>{(c.Length == 0 ? "0.00" : c)}</td>")) + "</tr>"));
        await File.WriteAllTextAsync(html, $"<html><head><meta charset='utf-8'></head><body style='font-size:12px'><p>{Title}</p><p>{Narrative}</p><p>一般公共预算支出表</p><p>单位：元</p><table>{rows}</table><p>以上为支出表。</p></body></html>", TestContext.Current.CancellationToken);
        var pdf = Path.Combine(_dir, "a.pdf");
        var psi = new ProcessStartInfo(chromium) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", $"--print-to-pdf={pdf}", html })
        {
            psi.ArgumentList.Add(a);
        }
        using (var p = Process.Start(psi)!)
        {
            await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        Assert.SkipUnless(File.Exists(pdf), "chromium 未能生成 PDF");
        var r = await Checker().CheckFileAsync(pdf, TestContext.Current.CancellationToken);
        r.Year.ShouldBe(2023);
        AssertSameFigures(r);
    }

    [Fact]
    public async Task Pdf_table_with_blank_cells_keeps_its_columns()
    {
        const string chromium = "/usr/bin/chromium";
        Assert.SkipUnless(File.Exists(chromium), "没有 /usr/bin/chromium，跳过 PDF 生成");
        var html = Path.Combine(_dir, "blank.html");
        // blank cells stay blank: the extractor rebuilds the columns from the x-positions of the cells
        var rows = string.Concat(TableRows.Select(r => "<tr>" + string.Concat(r.Select(c => $"<td style='padding:2px 28px;white-space:nowrap;text-align:right'>{c}</td>")) + "</tr>"));
        await File.WriteAllTextAsync(html, $"<html><head><meta charset='utf-8'></head><body style='font-size:12px'><p>{Title}</p><p>{Narrative}</p><p>一般公共预算支出表</p><p>单位：元</p><table>{rows}</table><p>以上为支出表。</p></body></html>", TestContext.Current.CancellationToken);
        var pdf = Path.Combine(_dir, "blank.pdf");
        var psi = new ProcessStartInfo(chromium) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", $"--print-to-pdf={pdf}", html })
        {
            psi.ArgumentList.Add(a);
        }
        using (var p = Process.Start(psi)!)
        {
            await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        Assert.SkipUnless(File.Exists(pdf), "chromium 未能生成 PDF");
        var text = DisclosureParser.Normalize(DocumentTextExtractor.ReadPdf(pdf)); // NFKC: PDF fonts map some characters to Kangxi radicals
        text.ShouldContain("2101550\t事业运行\t600000.00\t500000.00\t100000.00\t\t", Case.Sensitive, text);
        text.ShouldContain("2101506\t医疗保障经办事务\t300000.00\t\t\t300000.00\t", Case.Sensitive, text);
        var r = await Checker().CheckFileAsync(pdf, TestContext.Current.CancellationToken);
        AssertSameFigures(r);
    }

    [Fact]
    public void Pdf_columns_are_rebuilt_from_x_positions()
    {
        static DocumentTextExtractor.Segment S(string t, double l, double r) => new(t, l, r);
        List<List<DocumentTextExtractor.Segment>> lines =
        [
            [S("标题", 10, 60)],
            [S("编码", 10, 40), S("名称", 60, 100), S("合计", 150, 180), S("项目", 220, 250)],
            [S("2101506", 10, 45), S("经办事务", 60, 110), S("30.00", 150, 180), S("30.00", 220, 250)],
            [S("2101550", 10, 45), S("事业运行", 60, 110), S("60.00", 150, 180)], // 项目 blank
            [S("2101599", 10, 45), S("其他", 60, 90), S("5.00", 225, 250)],       // 合计 blank (right-aligned)
            [],
            [S("说明", 10, 40)],
        ];
        DocumentTextExtractor.Tabulate(lines).ToList().ShouldBe(
        [
            "标题",
            "编码\t名称\t合计\t项目\t",
            "2101506\t经办事务\t30.00\t30.00\t",
            "2101550\t事业运行\t60.00\t\t",
            "2101599\t其他\t\t5.00\t",
            "",
            "说明",
        ]);
    }

    [Fact]
    public async Task Json_has_the_issue_shape_and_exit_code_1_on_errors()
    {
        var path = Path.Combine(_dir, "a.md");
        await File.WriteAllTextAsync(path, Title + "\n\n" + Narrative + "\n", TestContext.Current.CancellationToken);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Checker().RunAsync(path, json: true, output, error, TestContext.Current.CancellationToken);
        code.ShouldBe(1);
        using var json = JsonDocument.Parse(output.ToString());
        json.RootElement.GetProperty("document").GetString().ShouldBe("a.md");
        var f = json.RootElement.GetProperty("findings").EnumerateArray().First(x => x.GetProperty("rule").GetString() == "SUM-BASIC");
        f.GetProperty("severity").GetString().ShouldBe("error");
        foreach (var name in new[] { "message", "expected", "actual", "difference", "location" })
        {
            f.TryGetProperty(name, out _).ShouldBeTrue(name);
        }
        f.GetProperty("difference").GetString().ShouldBe("0.15万元");
    }

    [Fact]
    public async Task Exit_code_0_when_no_errors_and_2_when_unreadable()
    {
        var ok = Path.Combine(_dir, "ok.txt");
        await File.WriteAllTextAsync(ok, Title + "\n\n2023年支出预算100万元，其中：基本支出60万元；项目支出40万元。\n", TestContext.Current.CancellationToken);
        using var output = new StringWriter();
        using var error = new StringWriter();
        (await Checker().RunAsync(ok, json: false, output, error, TestContext.Current.CancellationToken)).ShouldBe(0);
        output.ToString().ShouldContain("错误 0 项");
        (await Checker().RunAsync(Path.Combine(_dir, "missing.pdf"), json: false, output, error, TestContext.Current.CancellationToken)).ShouldBe(2);
        var broken = Path.Combine(_dir, "broken.pdf");
        await File.WriteAllTextAsync(broken, "not a pdf", TestContext.Current.CancellationToken);
        (await Checker().RunAsync(broken, json: false, output, error, TestContext.Current.CancellationToken)).ShouldBe(2);
        error.ToString().ShouldContain("无法读取");
    }

    [Fact]
    public async Task Folder_gives_a_summary_table()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "1.txt"), Title + "\n\n" + Narrative + "\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_dir, "2.txt"), Title + "\n\n2023年支出预算100万元，其中：基本支出60万元；项目支出40万元。\n", TestContext.Current.CancellationToken);
        using var output = new StringWriter();
        using var error = new StringWriter();
        (await Checker().RunAsync(_dir, json: false, output, error, TestContext.Current.CancellationToken)).ShouldBe(1);
        var text = output.ToString();
        text.ShouldContain("文档\t错误\t警告\t提示");
        text.ShouldContain("1.txt\t2\t"); // SUM-BASIC and SUM-EXPENSE (60.15 + 40 ≠ 100)
        text.ShouldContain("2.txt\t0\t");
        using var json = new StringWriter();
        await Checker().RunAsync(_dir, json: true, json, error, TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(json.ToString());
        doc.RootElement.GetProperty("summary").GetArrayLength().ShouldBe(2);
    }
}
