using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Contributions;
using Yibao.Domain.Contributions;
using Yibao.Infrastructure.Catalogs;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Cli;

/// <summary><c>yibao contributions plan|import-bases|import-payments</c>: 征缴 batch jobs (docs/cli.md).</summary>
internal static class ContributionCommands
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Build(CliContext ctx)
    {
        var contributions = new Command("contributions", "职工医保征缴：按月编制征收计划、缴费基数批量申报、税务入库记录导入");

        var month = new Option<string>("--month") { Description = "所属期，格式 yyyy-MM，例如 2026-11", Required = true };
        var employer = new Option<string?>("--employer") { Description = "只编制一个单位（单位编号或统一社会信用代码）；省略时编制全部单位" };
        var plan = new Command("plan", "按月编制征收计划：按核定缴费基数和在职职工的职工医保（310）参保记录，逐单位逐人计算单位和个人应缴（到分）；" +
            "同一单位同一所属期可重复执行，未缴费的计划被替换，已有税务入库记录的计划保留不变") { month, employer };
        plan.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            await RequireMigratedAsync(sp, options, token);
            if (!ContributionPeriod.TryParse(r.GetValue(month), out var period))
            {
                throw new CliContext.CliException(ExitCodes.Usage, $"所属期（--month）：“{r.GetValue(month)}”不是有效的月份，格式 yyyy-MM，例如 2026-11");
            }

            long? employerId = null;
            if (r.GetValue(employer) is { Length: > 0 } key)
            {
                var db = sp.GetRequiredService<AppDbContext>();
                var found = Domain.Common.CreditCode.TryParse(key, out var code)
                    ? await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == code, token)
                    : await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.EmployerNo == key, token);
                employerId = found?.Id ?? throw new CliContext.CliException(ExitCodes.Failed, $"参保单位（--employer）：“{key}”不是已登记的单位编号或统一社会信用代码");
            }

            var watch = Stopwatch.StartNew();
            var result = await sp.GetRequiredService<GenerateCollectionPlansHandler>().HandleAsync(new GenerateCollectionPlans(period, employerId), token);
            if (!result.Succeeded)
            {
                return await ctx.FailedAsync(result.Errors);
            }

            var s = result.Value!;
            await ctx.Out.WriteLineAsync(string.Create(Inv,
                $"已编制 {ContributionPeriod.Format(period)} 征收计划：{s.Plans} 个单位，{s.Lines} 人，应缴合计 {s.Total:0.00} 元；替换未缴计划 {s.Replaced} 个，保留已缴计划 {s.KeptPaid} 个（用时 {watch.Elapsed.TotalSeconds:0.00} 秒）"));
            if (s.MissingBase > 0)
            {
                await ctx.Out.WriteLineAsync(string.Create(Inv, $"注意：{s.MissingBase} 名在职职工尚未申报 {ContributionPeriod.Year(period)} 年度缴费基数，未列入计划"));
            }

            if (s.MissingPolicies.Count > 0)
            {
                await ctx.Out.WriteLineAsync($"注意：统筹区 {string.Join("、", s.MissingPolicies)} 未设置 {ContributionPeriod.Year(period)} 年度职工医保缴费标准，其单位未列入计划");
            }

            return ExitCodes.Success;
        }, ct));
        contributions.Subcommands.Add(plan);

        var baseFile = new Argument<FileInfo>("FILE") { Description = "缴费基数申报文件：.xlsx 或 .csv（UTF-8），列：单位编号、证件号码、缴费年度、申报基数" };
        var clamp = new Option<bool>("--clamp") { Description = "核定：超出上下限的基数按下限或上限核定（默认拒绝整个文件）" };
        var importBases = new Command("import-bases", "缴费基数批量申报：全部行通过检查才写入，否则逐行列出错误、不写入任何数据（退出码 1）") { baseFile, clamp };
        importBases.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            await RequireMigratedAsync(sp, options, token);
            var (name, records) = await ReadAsync(r.GetValue(baseFile));
            var outcome = await sp.GetRequiredService<ImportContributionBasesHandler>().HandleAsync(
                new ImportContributionBases(name, records, r.GetValue(clamp) ? BaseCheckMode.Clamp : BaseCheckMode.Refuse), token);
            if (!outcome.Succeeded)
            {
                return await ReportAsync(ctx, name, outcome.Errors);
            }

            var s = outcome.Summary!;
            await ctx.Out.WriteLineAsync(string.Create(Inv, $"已导入 {s.FileName}：{s.Rows} 行，新增 {s.Added}，更新 {s.Replaced}，按上下限核定 {s.Adjusted}"));
            return ExitCodes.Success;
        }, ct));
        contributions.Subcommands.Add(importBases);

        var payFile = new Argument<FileInfo>("FILE") { Description = "税务入库记录文件：.xlsx 或 .csv（UTF-8），列：统一社会信用代码、所属期、金额、入库日期、票号" };
        var importPayments = new Command("import-payments", "导入税务部门的职工医保费入库记录并记账（职工统筹基金），全部行通过检查才写入，否则逐行列出错误（退出码 1）") { payFile };
        importPayments.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            await RequireMigratedAsync(sp, options, token);
            var (name, records) = await ReadAsync(r.GetValue(payFile));
            var outcome = await sp.GetRequiredService<ImportEmployerPaymentsHandler>().HandleAsync(new ImportEmployerPayments(name, records), token);
            if (!outcome.Succeeded)
            {
                return await ReportAsync(ctx, name, outcome.Errors);
            }

            var s = outcome.Summary!;
            await ctx.Out.WriteLineAsync(string.Create(Inv, $"已导入 {s.FileName}：入库记录 {s.Payments} 笔，{s.Employers} 个单位，金额合计 {s.Total:0.00} 元，已记账"));
            return ExitCodes.Success;
        }, ct));
        contributions.Subcommands.Add(importPayments);
        return contributions;
    }

    private static async Task RequireMigratedAsync(IServiceProvider sp, DatabaseOptions options, CancellationToken ct)
    {
        if ((await sp.GetRequiredService<AppDbContext>().Database.GetPendingMigrationsAsync(ct)).Any())
        {
            throw new CliContext.CliException(ExitCodes.Usage, $"数据库（{options.Describe()}）尚未初始化或结构不是最新：请先运行 yibao db migrate");
        }
    }

    private static async Task<(string Name, List<IReadOnlyList<string>> Records)> ReadAsync(FileInfo? f)
    {
        if (f is not { Exists: true })
        {
            throw new CliContext.CliException(ExitCodes.Usage, $"导入文件不存在：{f?.FullName}");
        }

        if (!f.Name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) && !f.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliContext.CliException(ExitCodes.Usage, $"导入文件只能是 .xlsx 或 .csv：{f.Name}");
        }

        try
        {
            await using var s = f.OpenRead();
            return (f.Name, CatalogFiles.ReadRecords(s, f.Name));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or InvalidOperationException)
        {
            throw new CliContext.CliException(ExitCodes.Failed, $"{f.Name} 无法读取（不是有效的 .xlsx/.csv 文件）：{e.Message}");
        }
    }

    private static async Task<int> ReportAsync(CliContext ctx, string name, IReadOnlyList<Domain.Catalogs.ImportRowError> errors)
    {
        await ctx.Err.WriteLineAsync(string.Create(Inv, $"{name} 有 {errors.Count} 处错误，未导入任何数据："));
        foreach (var e in errors.Take(1000))
        {
            await ctx.Err.WriteLineAsync("  " + e);
        }

        return ExitCodes.Failed;
    }
}
