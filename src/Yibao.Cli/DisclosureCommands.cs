using System.CommandLine;
using Yibao.Application.Disclosure;
using Yibao.Infrastructure.Documents;

namespace Yibao.Cli;

/// <summary><c>yibao disclosure check</c>: check a published budget/final-account disclosure, or a folder of them.</summary>
internal static class DisclosureCommands
{
    public static Command Build(CliContext ctx)
    {
        var disclosure = new Command("disclosure", "预决算公开检查：表内勾稽、说明与表格一致性、完整性、科目编码与名称、合理性");
        var path = new Argument<string>("FILE|DIR") { Description = "要检查的文件（.txt、.md、.docx、有文字层的 .pdf）或文件夹（逐个检查并输出汇总表）" };
        var json = new Option<bool>("--json") { Description = "输出 JSON（document、findings：rule、severity、message、expected、actual、difference、location）" };
        var check = new Command("check", "检查公开文件并列出问题；退出码：0 无“错误”，1 发现“错误”，2 文件无法读取") { path, json };
        check.SetAction((ParseResult r, CancellationToken ct) =>
            new CheckDisclosure(new DocumentTextExtractor()).RunAsync(r.GetValue(path)!, r.GetValue(json), ctx.Out, ctx.Err, ct));
        disclosure.Subcommands.Add(check);
        return disclosure;
    }
}
