using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Catalogs;
using Yibao.Application.Common;
using Yibao.Application.Policies;
using Yibao.Domain.Policies;
using Yibao.Infrastructure.Catalogs;
using Yibao.Infrastructure.Demo;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Cli;

/// <summary><c>yibao catalog import|export</c> and <c>yibao policy import|export|validate</c> (docs/cli.md).</summary>
internal static class CatalogPolicyCommands
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void AddTo(RootCommand root, CliContext ctx)
    {
        root.Subcommands.Add(BuildCatalog(ctx));
        root.Subcommands.Add(BuildPolicy(ctx));
    }

    /// <summary>Called by <c>yibao demo seed</c>: the demo catalog, diagnoses and policy for 示范县 (skipped when a catalog exists).</summary>
    public static async Task<int> SeedDemoAsync(CliContext ctx, IServiceProvider sp, CancellationToken ct)
    {
        var result = await sp.GetRequiredService<CatalogPolicySeeder>().SeedAsync(DemoCountyGenerator.CountyCode, null, ct);
        if (!result.Succeeded)
        {
            await ctx.Err.WriteLineAsync("未能写入演示目录与政策：");
            foreach (var e in result.Errors.Take(20))
            {
                await ctx.Err.WriteLineAsync("  " + e.Message);
            }

            return ExitCodes.Failed;
        }

        await ctx.Out.WriteLineAsync((result.Value!.Skipped ? "" : "已写入：") + CatalogPolicySeeder.Describe(result.Value));
        return ExitCodes.Success;
    }

    private static async Task RequireMigratedAsync(IServiceProvider sp, CancellationToken ct)
    {
        if ((await sp.GetRequiredService<AppDbContext>().Database.GetPendingMigrationsAsync(ct)).Any())
        {
            throw new CliContext.CliException(ExitCodes.Usage, "数据库尚未初始化或结构不是最新：请先运行 yibao db migrate");
        }
    }

    private static FileInfo RequireFile(FileInfo? f, string what) =>
        f is { Exists: true } ? f : throw new CliContext.CliException(ExitCodes.Usage, $"{what}文件不存在：{f?.FullName}");

    private static Command BuildCatalog(CliContext ctx)
    {
        var catalog = new Command("catalog", "医保目录：导入、导出（国家目录下载文件的列名，见 docs/formats/catalog.md）");
        var file = new Argument<FileInfo>("FILE") { Description = "目录文件：.csv（UTF-8）或 .xlsx（第一个工作表）" };
        var full = new Option<bool>("--full") { Description = "全量导入：文件中没有的编码移出目录（默认增量：只新增或修改文件中的编码）" };
        var note = new Option<string?>("--note") { Description = "版本说明" };
        var diagnoses = new Option<bool>("--diagnoses") { Description = "文件是诊断目录（列 diag_code,diag_name）" };
        var procedures = new Option<bool>("--procedures") { Description = "文件是手术操作目录（列 oprn_oprt_code,oprn_oprt_name）" };
        var import = new Command("import", "导入目录文件：全部行通过检查才写入（生成一个目录版本），否则逐行列出错误、不写入任何数据（退出码 1）") { file, full, note, diagnoses, procedures };
        import.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            await RequireMigratedAsync(sp, token);
            var f = RequireFile(r.GetValue(file), "目录");
            List<IReadOnlyList<string>> records;
            await using (var s = f.OpenRead())
            {
                records = CatalogFiles.ReadRecords(s, f.Name);
            }

            if (r.GetValue(diagnoses) || r.GetValue(procedures))
            {
                var codes = await sp.GetRequiredService<ImportCodeTableHandler>().HandleAsync(new ImportCodeTable(r.GetValue(procedures), records), token);
                if (!codes.Succeeded)
                {
                    return await WriteRowErrorsAsync(ctx, f.Name, codes.Errors);
                }

                await ctx.Out.WriteLineAsync(string.Create(Inv, $"已导入 {f.Name}：新增 {codes.Added} 条，修改 {codes.Changed} 条"));
                return ExitCodes.Success;
            }

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var outcome = await sp.GetRequiredService<ImportCatalogHandler>().HandleAsync(new ImportCatalog(f.Name, records, r.GetValue(full), r.GetValue(note)), token);
            if (!outcome.Succeeded)
            {
                return await WriteRowErrorsAsync(ctx, f.Name, outcome.Errors);
            }

            var v = outcome.Version!;
            await ctx.Out.WriteLineAsync(string.Create(Inv,
                $"已导入 {f.Name}，生成目录版本 {v.Number}：新增 {v.Added} 条，修改 {v.Changed} 条，移出 {v.Removed} 条，未变 {v.Unchanged} 条（用时 {watch.Elapsed.TotalSeconds:0.0} 秒）"));
            return ExitCodes.Success;
        }, ct));

        var output = new Argument<FileInfo>("FILE") { Description = "输出文件：.csv 或 .xlsx" };
        var export = new Command("export", "导出当前目录（不含已移出的条目）到 CSV 或 Excel，格式与导入相同") { output };
        export.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            await RequireMigratedAsync(sp, token);
            var f = r.GetValue(output)!;
            var items = await sp.GetRequiredService<SearchCatalogHandler>().ExportAsync(new SearchCatalog(null, null, null), token);
            var bytes = CatalogFiles.IsExcel(f.Name) ? await CatalogFiles.ToXlsxAsync(items, token) : CatalogFiles.ToCsvBytes(items);
            await File.WriteAllBytesAsync(f.FullName, bytes, token);
            await ctx.Out.WriteLineAsync(string.Create(Inv, $"已导出 {items.Count} 条目录到 {f.FullName}"));
            return ExitCodes.Success;
        }, ct));

        catalog.Subcommands.Add(import);
        catalog.Subcommands.Add(export);
        return catalog;
    }

    private static async Task<int> WriteRowErrorsAsync(CliContext ctx, string fileName, IReadOnlyList<Domain.Catalogs.ImportRowError> errors)
    {
        await ctx.Err.WriteLineAsync(string.Create(Inv, $"{fileName} 有 {errors.Count} 处错误，未导入任何数据："));
        foreach (var e in errors)
        {
            await ctx.Err.WriteLineAsync("  " + e);
        }

        return ExitCodes.Failed;
    }

    private static Command BuildPolicy(CliContext ctx)
    {
        var policy = new Command("policy", "待遇政策参数集：校验、导入、导出（JSON，见 docs/formats/policy.md）");
        var file = new Argument<FileInfo>("FILE") { Description = "政策参数 JSON 文件" };

        var validate = new Command("validate", "校验政策参数文件（不需要数据库）：通过返回 0，有错误时逐条列出 JSON 路径和规则并返回 1") { file };
        validate.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var f = r.GetValue(file)!;
            if (!f.Exists)
            {
                await ctx.Err.WriteLineAsync($"政策参数文件不存在：{f.FullName}");
                return ExitCodes.Usage;
            }

            var (doc, errors) = SavePolicyVersionHandler.Check(await File.ReadAllTextAsync(f.FullName, Encoding.UTF8, ct));
            if (doc is null)
            {
                await WriteErrorsAsync(ctx, $"{f.Name} 校验未通过", errors);
                return ExitCodes.Failed;
            }

            await ctx.Out.WriteLineAsync(string.Create(Inv,
                $"{f.Name} 校验通过：{doc.Id} {doc.Name}，统筹区 {doc.PoolArea}，{doc.EffectiveFrom:yyyy-MM-dd}～{doc.EffectiveTo:yyyy-MM-dd}，方案 {doc.Schemes.Count} 个，补充支付层 {doc.Layers.Count} 个"));
            return ExitCodes.Success;
        });

        var activate = new Option<bool>("--activate") { Description = "导入后立即生效（同一统筹区期间重叠的生效版本改为停用）" };
        var import = new Command("import", "导入政策参数文件为新的参数集版本（草稿），校验不通过时不写入") { file, activate };
        import.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            await RequireMigratedAsync(sp, token);
            var f = RequireFile(r.GetValue(file), "政策参数");
            var saved = await sp.GetRequiredService<SavePolicyVersionHandler>().HandleAsync(new SavePolicyVersion(await File.ReadAllTextAsync(f.FullName, Encoding.UTF8, token)), token);
            if (!saved.Succeeded)
            {
                await WriteErrorsAsync(ctx, $"{f.Name} 校验未通过，未导入", saved.Errors);
                return ExitCodes.Failed;
            }

            var v = saved.Value!;
            var status = "草稿";
            if (r.GetValue(activate))
            {
                var act = await sp.GetRequiredService<ChangePolicyStatusHandler>().HandleAsync(new ChangePolicyStatus(v.Id, PolicyStatus.Active), token);
                if (!act.Succeeded)
                {
                    await WriteErrorsAsync(ctx, "已导入为草稿，但未能生效", act.Errors);
                    return ExitCodes.Failed;
                }

                status = act.Value!.Count > 0 ? $"生效（停用了版本 {string.Join("、", act.Value)}）" : "生效";
            }

            await ctx.Out.WriteLineAsync(string.Create(Inv, $"已导入参数集版本 {v.Id}：{v.Code} {v.Name}，统筹区 {v.PoolArea}，{v.EffectiveFrom:yyyy-MM-dd}～{v.EffectiveTo:yyyy-MM-dd}，状态 {status}"));
            return ExitCodes.Success;
        }, ct));

        var id = new Option<long?>("--id") { Description = "参数集版本号（省略时导出 --pool-area 在 --date 当日生效的版本）" };
        var area = new Option<string?>("--pool-area") { Description = "统筹区（6 位行政区划代码）" };
        var date = new Option<DateOnly?>("--date") { Description = "日期 yyyy-MM-dd（默认今天）" };
        var insutype = new Option<string>("--insutype") { Description = "险种代码（默认 390）", DefaultValueFactory = _ => "390" };
        var export = new Command("export", "把一个参数集版本导出为 JSON 文件") { file, id, area, date, insutype };
        export.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            await RequireMigratedAsync(sp, token);
            var f = r.GetValue(file)!;
            var versionId = r.GetValue(id);
            if (versionId is null)
            {
                var poolArea = r.GetValue(area) ?? throw new CliContext.CliException(ExitCodes.Usage, "请用 --id 指定版本，或用 --pool-area（和 --date）指定统筹区");
                var on = r.GetValue(date) ?? DateOnly.FromDateTime(sp.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(8).DateTime);
                var snap = await sp.GetRequiredService<IPolicyProvider>().GetPolicyAsync(poolArea, r.GetValue(insutype) ?? "390", on, token);
                versionId = snap?.VersionId ?? throw new CliContext.CliException(ExitCodes.Failed, string.Create(Inv, $"统筹区 {poolArea} 在 {on:yyyy-MM-dd} 没有生效的参数集"));
            }

            var v = await sp.GetRequiredService<PolicyQueriesHandler>().GetAsync(versionId.Value, token)
                ?? throw new CliContext.CliException(ExitCodes.Failed, string.Create(Inv, $"参数集版本 {versionId} 不存在"));
            await File.WriteAllTextAsync(f.FullName, v.Json, new UTF8Encoding(false), token);
            await ctx.Out.WriteLineAsync(string.Create(Inv, $"已导出参数集版本 {v.Id}（{v.Code}，{Domain.Policies.PolicyVersion.StatusName(v.Status)}）到 {f.FullName}"));
            return ExitCodes.Success;
        }, ct));

        policy.Subcommands.Add(validate);
        policy.Subcommands.Add(import);
        policy.Subcommands.Add(export);
        return policy;
    }

    private static async Task WriteErrorsAsync(CliContext ctx, string title, IReadOnlyList<AppError> errors)
    {
        await ctx.Err.WriteLineAsync(title + "：");
        foreach (var e in errors)
        {
            await ctx.Err.WriteLineAsync("  " + e.Message);
        }
    }
}
