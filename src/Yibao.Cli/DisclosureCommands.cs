using System.CommandLine;
using Yibao.Application.Disclosure;
using Yibao.Infrastructure.Documents;
using Yibao.Infrastructure.Reports.Disclosure;

namespace Yibao.Cli;

/// <summary><c>yibao disclosure check</c>: check a published budget/final-account disclosure, or a folder of them.</summary>
internal static class DisclosureCommands
{
    public static Command Build(CliContext ctx)
    {
        var disclosure = new Command("disclosure", "预决算公开检查：表内勾稽、说明与表格一致性、完整性、科目编码与名称、合理性");
        var path = new Argument<string>("FILE|DIR") { Description = "要检查的文件（.txt、.md、.docx、有文字层的 .pdf）或文件夹（逐个检查并输出汇总表）" };
        var json = new Option<bool>("--json") { Description = "输出 JSON（document、findings：rule、severity、message、expected、actual、difference、location）" };
        var outFile = new Option<string?>("--out") { Description = "另存为 Excel（.xlsx）：工作表“汇总”（文档、错误、警告、提示）和“问题清单”（全部问题）", HelpName = "FILE.xlsx" };
        var check = new Command("check", "检查公开文件并列出问题；退出码：0 无“错误”，1 发现“错误”，2 文件无法读取") { path, json, outFile };
        check.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var target = r.GetValue(path)!;
            var checker = new CheckDisclosure(new DocumentTextExtractor());
            var xlsx = r.GetValue(outFile);
            if (xlsx is not null && !xlsx.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                await ctx.Err.WriteLineAsync($"错误：--out 须为 .xlsx 文件（“{xlsx}”）。");
                return 2;
            }
            var code = await checker.RunAsync(target, r.GetValue(json), ctx.Out, ctx.Err, ct);
            if (xlsx is null || (!File.Exists(target) && !Directory.Exists(target)))
            {
                return code;
            }
            // the batch is checked again for the workbook: cheap next to extraction, and RunAsync keeps its contract
            var batch = await checker.CheckPathAsync(target, ct);
            try
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(xlsx));
                if (!string.IsNullOrEmpty(dir))
                {
                    Directory.CreateDirectory(dir);
                }
                await File.WriteAllBytesAsync(xlsx, new DisclosureReportRenderer().RenderBatchExcel(batch), ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await ctx.Err.WriteLineAsync($"错误：无法写入 {xlsx}：{ex.Message}");
                return 2;
            }
            await ctx.Err.WriteLineAsync($"已写入 {xlsx}（汇总 {batch.Reports.Count + batch.Unreadable.Count} 份文档，问题 {batch.Reports.Sum(x => x.Findings.Count)} 项）");
            return code;
        });
        disclosure.Subcommands.Add(check);
        return disclosure;
    }
}
