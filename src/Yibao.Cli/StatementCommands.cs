using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Funds;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Cli;

/// <summary><c>yibao statements generate --month yyyy-MM [--institution CODE]</c>: 生成月结算单 (docs/cli.md).</summary>
internal static class StatementCommands
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Build(CliContext ctx)
    {
        var statements = new Command("statements", "月结算单：按定点医药机构、按月生成并冻结");
        var month = new Option<string>("--month") { Description = "结算月份，格式 yyyy-MM，例如 2026-05（须已结束）", Required = true };
        var institution = new Option<string?>("--institution") { Description = "定点医药机构编号；不填则为该月有结算、撤销或应付款记账的所有机构" };
        var generate = new Command("generate", "生成月结算单：冻结该月结算笔数、各国家字段合计、各基金应付款、智能审核扣款和跨月撤销调整；已生成的不再重复生成，可重复执行") { month, institution };
        generate.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            if ((await sp.GetRequiredService<AppDbContext>().Database.GetPendingMigrationsAsync(token)).Any())
            {
                throw new CliContext.CliException(ExitCodes.Usage, $"数据库（{options.Describe()}）尚未初始化或结构不是最新：请先运行 yibao db migrate");
            }

            var text = r.GetValue(month) ?? "";
            if (!DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", Inv, DateTimeStyles.None, out var first))
            {
                throw new CliContext.CliException(ExitCodes.Usage, $"结算月份（--month）：“{text}”不是有效的月份，格式 yyyy-MM，例如 2026-05");
            }

            var result = await sp.GetRequiredService<GenerateStatementsHandler>().HandleAsync(new GenerateStatements(first.Year, first.Month, r.GetValue(institution)), token);
            if (!result.Succeeded)
            {
                return await ctx.FailedAsync(result.Errors);
            }

            var g = result.Value!;
            foreach (var s in g.Generated)
            {
                await ctx.Out.WriteLineAsync(string.Create(Inv,
                    $"已生成 {s.StatementNo}　{s.FixmedinsName}（{s.FixmedinsCode}）　结算 {s.SettledCount} 笔，撤销 {s.CancelledCount} 笔（其中跨月调整 {s.AdjustmentCount} 笔 {s.AdjustmentAmount:0.00} 元），扣款 {s.TotalDeducted:0.00} 元，应付 {s.TotalOwed:0.00} 元"));
            }

            foreach (var s in g.AlreadyGenerated)
            {
                await ctx.Out.WriteLineAsync(string.Create(Inv, $"此前已生成 {s.StatementNo}（{s.StatusName}），未改变"));
            }

            await ctx.Out.WriteLineAsync(string.Create(Inv,
                $"{first:yyyy-MM} 月结算单：新生成 {g.Generated.Count} 张，此前已生成 {g.AlreadyGenerated.Count} 张，应付合计 {g.Generated.Sum(s => s.TotalOwed):0.00} 元（新生成部分）"));
            return ExitCodes.Success;
        }, ct));
        statements.Subcommands.Add(generate);
        return statements;
    }
}
