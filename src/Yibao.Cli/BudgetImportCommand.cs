using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Budget;
using Yibao.Domain.Budget.Disclosure;
using Yibao.Domain.Budget.Model;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Cli;

/// <summary><c>yibao budget import FILE</c>: stores a budget file as a new budget in 编制中 (the same handler as the 导入部门预算 screen).</summary>
internal static class BudgetImportCommand
{
    /// <summary>Adds <c>import</c> to the <c>budget</c> command and returns it.</summary>
    public static Command AddTo(Command budget, CliContext ctx)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var file = new Argument<FileInfo>("FILE") { Description = "预算文件（JSON，见 docs/formats/budget.md）" };
        var import = new Command("import", "导入预算文件，保存为“编制中”的部门预算并列出校验结果；文件格式错误时不写入（退出码 1）") { file };
        import.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, _, token) =>
        {
            if ((await sp.GetRequiredService<AppDbContext>().Database.GetPendingMigrationsAsync(token)).Any())
            {
                throw new CliContext.CliException(ExitCodes.Usage, "数据库尚未初始化或结构不是最新：请先运行 yibao db migrate");
            }
            var f = r.GetValue(file);
            if (f is not { Exists: true })
            {
                throw new CliContext.CliException(ExitCodes.Usage, $"预算文件不存在：{f?.FullName}");
            }
            var result = await sp.GetRequiredService<ImportBudgetHandler>().HandleAsync(new ImportBudget(await File.ReadAllTextAsync(f.FullName, token), f.Name), token);
            if (!result.Succeeded)
            {
                return await ctx.FailedAsync(result.Errors, $"未导入 {f.Name}：");
            }
            var b = result.Value!;
            var findings = BudgetValidator.Validate(b.ToModel());
            await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"已导入 {f.Name}：{b.Title}第 {b.Version} 版，编号 {b.Id}，状态 编制中；校验：错误 {findings.Count(x => x.Severity == FindingSeverity.Error)} 个，警告 {findings.Count(x => x.Severity == FindingSeverity.Warning)} 个"));
            foreach (var x in findings.Where(x => x.Severity != FindingSeverity.Info))
            {
                await ctx.Out.WriteLineAsync($"  [{x.Severity.Chinese()}] {x.Rule} {x.Message}");
            }
            return ExitCodes.Success;
        }, ct));
        budget.Subcommands.Add(import);
        return budget;
    }
}
