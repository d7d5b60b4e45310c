using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Budget;
using Yibao.Domain.Budget.Disclosure;
using Yibao.Domain.Budget.Model;
using Yibao.Infrastructure.Catalogs;
using Yibao.Infrastructure.Persistence;
using Yibao.Infrastructure.Reports.Budget;

namespace Yibao.Cli;

/// <summary>
/// <c>yibao budget classification import FILE</c> (the 科目表 screen's handler) and <c>yibao budget tables import ID FILE.xlsx</c>
/// (the Excel import of the 按表录入 screen).
/// </summary>
internal static class BudgetEntryCommands
{
    public static Command AddTo(Command budget, CliContext ctx)
    {
        ArgumentNullException.ThrowIfNull(budget);

        var file = new Argument<FileInfo>("FILE") { Description = "科目表文件（CSV UTF-8 或 .xlsx，列：年度、分类类型、编码、名称、上级编码、对应政府经济分类；见 docs/formats/budget-classification.md）" };
        var importCatalog = new Command("import", "导入某年度的政府收支分类科目表；任何一行有错误则不导入（退出码 1），同年度同分类类型整体替换") { file };
        importCatalog.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, _, token) =>
        {
            await EnsureMigratedAsync(sp, token);
            var f = r.GetValue(file);
            if (f is not { Exists: true })
            {
                throw new CliContext.CliException(ExitCodes.Usage, $"科目表文件不存在：{f?.FullName}");
            }
            List<IReadOnlyList<string>> records;
            try
            {
                await using var s = f.OpenRead();
                records = CatalogFiles.ReadRecords(s, f.Name);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or InvalidOperationException)
            {
                throw new CliContext.CliException(ExitCodes.Usage, $"无法读取 {f.Name}：请确认是 UTF-8 编码的 CSV 或 .xlsx 文件");
            }
            var result = await sp.GetRequiredService<ImportClassificationCatalogHandler>().HandleAsync(new ImportClassificationCatalog(records, f.Name), token);
            if (!result.Succeeded)
            {
                return await ctx.FailedAsync(result.Errors, $"未导入 {f.Name}（{result.Errors.Count} 个问题）：");
            }
            await ctx.Out.WriteLineAsync($"已导入 {f.Name}：{result.Value!.Describe()}");
            return ExitCodes.Success;
        }, ct));
        var classification = new Command("classification", "政府收支分类科目表（按年度）") { importCatalog };
        budget.Subcommands.Add(classification);

        var id = new Argument<long>("ID") { Description = "预算编号（网页“部门预算”列表中的编号）" };
        var xlsx = new Argument<FileInfo>("FILE") { Description = "按模板填好的 .xlsx（每张标准表一个工作表）" };
        var importTables = new Command("import", "把 Excel 标准表导入“编制中”的预算：文件中有的工作表替换同名表；任何一行有错误则不导入（退出码 1）") { id, xlsx };
        importTables.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, _, token) =>
        {
            await EnsureMigratedAsync(sp, token);
            var f = r.GetValue(xlsx);
            if (f is not { Exists: true } || !f.Name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliContext.CliException(ExitCodes.Usage, $"应为存在的 .xlsx 文件：{f?.FullName}");
            }
            IReadOnlyList<(string, IReadOnlyList<IReadOnlyList<string>>)> sheets;
            try
            {
                await using var s = f.OpenRead();
                sheets = BudgetWorkbook.Read(s);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or InvalidOperationException or ArgumentException)
            {
                throw new CliContext.CliException(ExitCodes.Usage, $"无法读取 {f.Name}：请确认是 Excel 2007 及以上的 .xlsx 文件");
            }
            var result = await sp.GetRequiredService<ImportBudgetTablesHandler>().HandleAsync(new ImportBudgetTables(r.GetValue(id), sheets, f.Name), token);
            if (!result.Succeeded)
            {
                return await ctx.FailedAsync(result.Errors, $"未导入 {f.Name}（{result.Errors.Count} 个问题）：");
            }
            var b = result.Value!;
            var catalog = await sp.GetRequiredService<BudgetCatalogs>().ForYearAsync(b.Year, token);
            var findings = BudgetValidator.Validate(b.ToModel(), catalog);
            await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"已导入 {f.Name} 到 {b.Title}第 {b.Version} 版（编号 {b.Id}）；校验：错误 {findings.Count(x => x.Severity == FindingSeverity.Error)} 个，警告 {findings.Count(x => x.Severity == FindingSeverity.Warning)} 个"));
            foreach (var x in findings.Where(x => x.Severity != FindingSeverity.Info))
            {
                await ctx.Out.WriteLineAsync($"  [{x.Severity.Chinese()}] {x.Rule} {x.Message}");
            }
            return ExitCodes.Success;
        }, ct));
        budget.Subcommands.Add(new Command("tables", "预算标准表（Excel）") { importTables });
        return budget;
    }

    private static async Task EnsureMigratedAsync(IServiceProvider sp, CancellationToken token)
    {
        if ((await sp.GetRequiredService<AppDbContext>().Database.GetPendingMigrationsAsync(token)).Any())
        {
            throw new CliContext.CliException(ExitCodes.Usage, "数据库尚未初始化或结构不是最新：请先运行 yibao db migrate");
        }
    }
}
