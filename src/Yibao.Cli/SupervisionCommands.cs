using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Supervision;
using Yibao.Domain.Common;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Cli;

/// <summary><c>yibao supervision summary --year</c> and <c>yibao supervision lift-expired</c>: 基金监管 (docs/cli.md).</summary>
internal static class SupervisionCommands
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Build(CliContext ctx)
    {
        var supervision = new Command("supervision", "基金监管：年度稽核汇总、暂停协议到期自动恢复");

        var year = new Option<int>("--year") { Description = "年度（如 2026）", Required = true };
        var summary = new Command("summary", "打印年度基金监管汇总：检查机构数、违规机构（医疗机构/零售药店）、追回金额、违约金、到账、立案结案、举报奖励和一段说明") { year };
        summary.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            await RequireMigratedAsync(sp, options, token);
            var y = r.GetValue(year);
            if (y is < 2000 or > 2100)
            {
                throw new CliContext.CliException(ExitCodes.Usage, $"年度（--year）：“{y}”须在 2000–2100 之间");
            }

            var s = await sp.GetRequiredService<GetSupervisionSummaryHandler>().HandleAsync(new GetSupervisionSummary(y), token);
            var o = ctx.Out;
            await o.WriteLineAsync(string.Create(Inv, $"{s.Year} 年度基金监管汇总"));
            await o.WriteLineAsync(string.Create(Inv, $"定点医药机构 {s.Designated.Total} 家（医疗机构 {s.Designated.Medical} 家、零售药店 {s.Designated.Pharmacy} 家）"));
            await o.WriteLineAsync(string.Create(Inv,
                $"现场检查 {s.Inspections} 次，检查机构 {s.Inspected.Total} 家（医疗机构 {s.Inspected.Medical} 家、零售药店 {s.Inspected.Pharmacy} 家），稽核覆盖率 {(s.Coverage is { } c ? c.ToString("0.00", Inv) + "%" : "—")}；发现问题 {s.Findings} 个，涉及金额 {s.FindingAmount:0.00} 元"));
            await o.WriteLineAsync(string.Create(Inv,
                $"违规机构 {s.InBreach.Total} 家（医疗机构 {s.InBreach.Medical} 家、零售药店 {s.InBreach.Pharmacy} 家）；暂停协议 {s.InstitutionsSuspended} 家，暂停医保医师 {s.PractitionersSuspended} 人"));
            await o.WriteLineAsync(string.Create(Inv,
                $"追回医保基金 {Money.FormatWanYuan(s.Recovered)} 万元（{s.Recovered:0.00} 元），违约金 {Money.FormatWanYuan(s.Penalty)} 万元（{s.Penalty:0.00} 元），已到账 {s.Paid:0.00} 元，未到账 {s.Outstanding:0.00} 元"));
            await o.WriteLineAsync(string.Create(Inv,
                $"线索 {s.Leads} 件，立案 {s.CasesFiled} 件，不予立案 {s.CasesDismissed} 件，作出处理决定 {s.CasesDecided} 件，结案 {s.CasesClosed} 件"));
            await o.WriteLineAsync(string.Create(Inv,
                $"受理举报 {s.Complaints} 件（转为案件 {s.ComplaintsLinked} 件），核定奖励 {s.RewardsGranted} 件 {s.RewardsGrantedAmount:0.00} 元，发放 {s.RewardsPaid} 件 {s.RewardsPaidAmount:0.00} 元"));
            await o.WriteLineAsync(GetSupervisionSummaryHandler.Narrative(s));
            return ExitCodes.Success;
        }, ct));
        supervision.Subcommands.Add(summary);

        var lift = new Command("lift-expired", "暂停协议到期自动恢复：暂停结束日期已过、尚未恢复的协议暂停全部恢复（可每日运行，重复运行无副作用）");
        lift.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            await RequireMigratedAsync(sp, options, token);
            var result = await sp.GetRequiredService<LiftExpiredSuspensionsHandler>().HandleAsync(new LiftExpiredSuspensions(), token);
            if (!result.Succeeded)
            {
                return await ctx.FailedAsync(result.Errors);
            }

            foreach (var x in result.Value!)
            {
                await ctx.Out.WriteLineAsync(string.Create(Inv, $"  {x.InstitutionCode} {x.InstitutionName}：案件 {x.CaseNo} 暂停至 {x.ToDate:yyyy-MM-dd}，{x.LiftedOn:yyyy-MM-dd} 起恢复协议"));
            }

            await ctx.Out.WriteLineAsync(string.Create(Inv, $"到期恢复协议 {result.Value!.Count} 家"));
            return ExitCodes.Success;
        }, ct));
        supervision.Subcommands.Add(lift);
        return supervision;
    }

    private static async Task RequireMigratedAsync(IServiceProvider sp, DatabaseOptions options, CancellationToken ct)
    {
        if ((await sp.GetRequiredService<AppDbContext>().Database.GetPendingMigrationsAsync(ct)).Any())
        {
            throw new CliContext.CliException(ExitCodes.Usage, $"数据库（{options.Describe()}）尚未初始化或结构不是最新：请先运行 yibao db migrate");
        }
    }
}
