using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Review;
using Yibao.Domain.Review;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Cli;

/// <summary><c>yibao review rules import|export</c> and <c>yibao review run</c>: 智能审核 (docs/cli.md).</summary>
internal static class ReviewCommands
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Build(CliContext ctx)
    {
        var review = new Command("review", "智能审核：审核规则导入导出、事后审核批量运行");
        var rules = new Command("rules", "审核规则（存储在数据库 review_rules 表中）");

        var file = new Argument<FileInfo>("FILE") { Description = "审核规则集文件（JSON，格式见 docs/formats/review-rules.md）" };
        var import = new Command("import", "导入规则集：按规则编号新建或更新（版本号加 1），全部校验通过才写入；事中审核随即使用启用的规则") { file };
        import.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            await RequireMigratedAsync(sp, options, token);
            var f = r.GetValue(file)!;
            if (!f.Exists)
            {
                throw new CliContext.CliException(ExitCodes.Usage, $"规则集文件：“{f.FullName}”不存在");
            }

            var result = await sp.GetRequiredService<ImportReviewRulesHandler>().HandleAsync(new ImportReviewRules(await File.ReadAllTextAsync(f.FullName, token)), token);
            if (!result.Succeeded)
            {
                return await ctx.FailedAsync(result.Errors, $"规则集 {f.Name} 无效，未导入：");
            }

            var s = result.Value!;
            await ctx.Out.WriteLineAsync($"已导入规则集 {s.RuleSetId}：新建 {s.Created} 条，更新 {s.Updated} 条，未变 {s.Unchanged} 条");
            return ExitCodes.Success;
        }, ct));
        rules.Subcommands.Add(import);

        var outFile = new Option<FileInfo?>("--out") { Description = "写入文件（默认输出到标准输出）", HelpName = "FILE.json" };
        var status = new Option<string?>("--status") { Description = "只导出某一状态的规则：draft（草稿）、enabled（启用）、disabled（停用）" };
        var export = new Command("export", "导出已存储的规则为规则集文件（可再导入）") { outFile, status };
        export.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            await RequireMigratedAsync(sp, options, token);
            ReviewRuleStatus? st = r.GetValue(status) switch
            {
                null => null,
                "draft" => ReviewRuleStatus.Draft,
                "enabled" => ReviewRuleStatus.Enabled,
                "disabled" => ReviewRuleStatus.Disabled,
                var other => throw new CliContext.CliException(ExitCodes.Usage, $"状态（--status）：“{other}”无效，须为 draft、enabled 或 disabled"),
            };
            var json = await sp.GetRequiredService<ExportReviewRulesHandler>().HandleAsync(new ExportReviewRules(st), token);
            if (r.GetValue(outFile) is { } o)
            {
                await File.WriteAllTextAsync(o.FullName, json, token);
                await ctx.Err.WriteLineAsync($"已写入 {o.FullName}");
            }
            else
            {
                await ctx.Out.WriteLineAsync(json);
            }

            return ExitCodes.Success;
        }, ct));
        rules.Subcommands.Add(export);
        review.Subcommands.Add(rules);

        var from = new Option<string>("--from") { Description = "就诊开始日期（起），yyyy-MM-dd", Required = true };
        var to = new Option<string>("--to") { Description = "就诊开始日期（止），yyyy-MM-dd", Required = true };
        var only = new Option<string?>("--rules") { Description = "只运行这些规则（规则编号，逗号分隔）；默认运行全部启用的事后审核规则", HelpName = "ID,…" };
        var run = new Command("run", "事后审核：读取期间内的就诊和费用明细，运行启用的规则，保存审核批次和疑点（明确违规自动扣款），输出每秒明细数和用时")
        {
            from, to, only,
        };
        run.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            await RequireMigratedAsync(sp, options, token);
            var f = Date(r.GetValue(from)!, "开始日期（--from）");
            var t = Date(r.GetValue(to)!, "结束日期（--to）");
            var codes = (r.GetValue(only) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var result = await sp.GetRequiredService<RunReviewHandler>().HandleAsync(new RunReview(f, t, codes), token);
            if (!result.Succeeded)
            {
                return await ctx.FailedAsync(result.Errors);
            }

            var s = result.Value!;
            var seconds = watch.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            await ctx.Out.WriteLineAsync(string.Create(Inv,
                $"事后审核批次 {s.Id}：{s.FromDate:yyyy-MM-dd} 至 {s.ToDate:yyyy-MM-dd}，规则 {s.RuleCount} 条，人员 {s.PersonCount} 人，就诊 {s.EncounterCount} 次，费用明细 {s.LineCount} 条"));
            await ctx.Out.WriteLineAsync(string.Create(Inv,
                $"疑点 {s.FlagCount} 条，金额 {s.FlagAmount:0.00} 元；明确违规自动扣款 {s.AutoAccepted} 条，{s.AutoDeducted:0.00} 元；其余待审核"));
            await ctx.Out.WriteLineAsync(string.Create(Inv,
                $"用时 {seconds:0.000} 秒（读取 {s.ReadSeconds:0.000} 秒，规则计算 {s.EvaluateSeconds:0.000} 秒，写入 {Math.Max(0, seconds - s.ReadSeconds - s.EvaluateSeconds):0.000} 秒；进程 CPU {cpuSeconds:0.000} 秒）；" +
                $"{(seconds > 0 ? s.LineCount / seconds : 0):0} 条/秒（全程），规则计算 {(s.EvaluateSeconds > 0 ? s.LineCount / s.EvaluateSeconds : 0):0} 条/秒"));
            var stats = await sp.GetRequiredService<SearchReviewFlagsHandler>().StatisticsAsync(new SearchReviewFlags(RunId: s.Id), token);
            foreach (var row in stats.ByRule)
            {
                await ctx.Out.WriteLineAsync(string.Create(Inv, $"  {row.Key} {row.Name}：{row.Flags} 条，{row.Amount:0.00} 元（自动扣款 {row.Accepted} 条）"));
            }

            return ExitCodes.Success;
        }, ct));
        review.Subcommands.Add(run);
        return review;
    }

    private static DateOnly Date(string text, string label) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", Inv, DateTimeStyles.None, out var d)
            ? d
            : throw new CliContext.CliException(ExitCodes.Usage, $"{label}：“{text}”不是有效日期，格式 yyyy-MM-dd");

    private static async Task RequireMigratedAsync(IServiceProvider sp, DatabaseOptions options, CancellationToken ct)
    {
        if ((await sp.GetRequiredService<AppDbContext>().Database.GetPendingMigrationsAsync(ct)).Any())
        {
            throw new CliContext.CliException(ExitCodes.Usage, $"数据库（{options.Describe()}）尚未初始化或结构不是最新：请先运行 yibao db migrate");
        }
    }
}
