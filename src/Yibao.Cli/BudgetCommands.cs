using System.CommandLine;
using Yibao.Infrastructure.Reports.Budget;

namespace Yibao.Cli;

/// <summary><c>yibao budget validate|render</c>: check a budget file and generate its public disclosure.</summary>
internal static class BudgetCommands
{
    public static Command Build(CliContext ctx)
    {
        var budget = new Command("budget", "部门预算与公开：校验预算文件（与预决算公开检查共用规则目录），生成公开文件");

        var validateFile = new Argument<string>("FILE") { Description = "预算文件（JSON，见 docs/formats/budget.md）" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出问题（与 yibao disclosure check --json 相同的格式）" };
        var validate = new Command("validate", "校验预算：勾稽关系、变动原因、科目编码与名称、绩效指标；退出码 0 无“错误”，1 有“错误”，2 文件缺失或格式错误") { validateFile, json };
        validate.SetAction((ParseResult r, CancellationToken ct) =>
            BudgetFileCommands.ValidateAsync(r.GetValue(validateFile)!, r.GetValue(json), ctx.Out, ctx.Err, ct));

        var renderFile = new Argument<string>("FILE") { Description = "预算文件（JSON）" };
        var profile = new Option<string?>("--profile") { Description = "公开样式：national（全国 8 张表）、hebei、sichuan、ningxia（9 张表）、shaanxi（15 张表）；省略时用文件中的 profile" };
        var format = new Option<string>("--format") { Description = "输出格式：html、pdf、docx、xlsx、fdp（CSV + datapackage.json）", Required = true };
        var outDir = new Option<string>("--out") { Description = "输出目录", Required = true };
        var render = new Command("render", "由预算数据生成公开文件（表格、说明、名词解释）") { renderFile, profile, format, outDir };
        render.SetAction((ParseResult r, CancellationToken ct) =>
            BudgetFileCommands.RenderAsync(r.GetValue(renderFile)!, r.GetValue(profile), r.GetValue(format)!, r.GetValue(outDir)!, ctx.Out, ctx.Err, ct));

        budget.Subcommands.Add(validate);
        budget.Subcommands.Add(render);
        return budget;
    }
}
