using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Accounts;
using Yibao.Domain.Contributions;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Cli;

/// <summary><c>yibao accounts credit|interest</c>: 职工个人账户 batch jobs (docs/cli.md).</summary>
internal static class AccountCommands
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Build(CliContext ctx)
    {
        var accounts = new Command("accounts", "职工个人账户：月度划入、年度计息");

        var month = new Option<string>("--month") { Description = "划入月份，格式 yyyy-MM，例如 2026-11", Required = true };
        var credit = new Command("credit", "月度划入：在职职工按核定基数×个人费率×划入比例，退休人员按月定额（均取统筹区当年职工医保缴费标准）；" +
            "同一人同一月份只划入一次，可重复执行") { month };
        credit.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            await RequireMigratedAsync(sp, options, token);
            if (!ContributionPeriod.TryParse(r.GetValue(month), out var period))
            {
                throw new CliContext.CliException(ExitCodes.Usage, $"划入月份（--month）：“{r.GetValue(month)}”不是有效的月份，格式 yyyy-MM，例如 2026-11");
            }

            var first = ContributionPeriod.FirstDay(period);
            var watch = Stopwatch.StartNew();
            var result = await sp.GetRequiredService<CreditPersonalAccountsHandler>().HandleAsync(new CreditPersonalAccounts(first.Year, first.Month), token);
            if (!result.Succeeded)
            {
                return await ctx.FailedAsync(result.Errors);
            }

            var s = result.Value!;
            await ctx.Out.WriteLineAsync(string.Create(Inv,
                $"已划入 {s.Year:0000}-{s.Month:00} 个人账户：在职 {s.InService} 人，退休 {s.Retired} 人，合计 {s.Total:0.00} 元；此前已划入 {s.AlreadyCredited} 人（用时 {watch.Elapsed.TotalSeconds:0.00} 秒）"));
            if (s.Closed > 0)
            {
                await ctx.Out.WriteLineAsync(string.Create(Inv, $"注意：{s.Closed} 个账户已退还或转出，未划入"));
            }

            if (s.MissingBase > 0)
            {
                await ctx.Out.WriteLineAsync(string.Create(Inv, $"注意：{s.MissingBase} 名在职职工没有 {s.Year} 年度核定缴费基数，未划入"));
            }

            if (s.MissingPolicy > 0)
            {
                await ctx.Out.WriteLineAsync(string.Create(Inv, $"注意：{s.MissingPolicy} 人所在统筹区未设置 {s.Year} 年度职工医保缴费标准，未划入"));
            }

            return ExitCodes.Success;
        }, ct));
        accounts.Subcommands.Add(credit);

        var year = new Option<int>("--year") { Description = "计息年度，例如 2025（结息日为该年 12 月 31 日，年度结束后才能计息）", Required = true };
        var interest = new Command("interest", "年度计息：按统筹区当年个人账户年利率对每个未销户账户的年末余额计息（四舍五入到分）；每个账户每年只计一次，可重复执行") { year };
        interest.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            await RequireMigratedAsync(sp, options, token);
            var watch = Stopwatch.StartNew();
            var result = await sp.GetRequiredService<PostAccountInterestHandler>().HandleAsync(new PostAccountInterest(r.GetValue(year)), token);
            if (!result.Succeeded)
            {
                return await ctx.FailedAsync(result.Errors);
            }

            var s = result.Value!;
            await ctx.Out.WriteLineAsync(string.Create(Inv,
                $"已计 {s.Year} 年度个人账户利息：{s.Accounts} 个账户，合计 {s.Total:0.00} 元；此前已计息 {s.AlreadyPosted} 个（用时 {watch.Elapsed.TotalSeconds:0.00} 秒）"));
            if (s.MissingPolicy > 0)
            {
                await ctx.Out.WriteLineAsync(string.Create(Inv, $"注意：{s.MissingPolicy} 个账户所在统筹区未设置 {s.Year} 年度职工医保缴费标准，未计息"));
            }

            return ExitCodes.Success;
        }, ct));
        accounts.Subcommands.Add(interest);
        return accounts;
    }

    private static async Task RequireMigratedAsync(IServiceProvider sp, DatabaseOptions options, CancellationToken ct)
    {
        if ((await sp.GetRequiredService<AppDbContext>().Database.GetPendingMigrationsAsync(ct)).Any())
        {
            throw new CliContext.CliException(ExitCodes.Usage, $"数据库（{options.Describe()}）尚未初始化或结构不是最新：请先运行 yibao db migrate");
        }
    }
}
