using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Registry;
using Yibao.Infrastructure.Persistence;
using Yibao.Infrastructure.Registry;

namespace Yibao.Cli;

/// <summary><c>yibao person import FILE</c> and <c>yibao person template FILE</c>: 参保登记批量导入 (docs/cli.md, docs/formats/person-import.md).</summary>
internal static class PersonImportCommands
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Build(CliContext ctx)
    {
        var person = new Command("person", "参保人员：批量导入参保登记（格式见 docs/formats/person-import.md）");
        var file = new Argument<FileInfo>("FILE") { Description = "导入文件：.xlsx（第一个工作表）或 .csv（UTF-8），第 1 行为列名" };
        var import = new Command("import", "批量导入参保登记：全部行通过检查才写入（人员、参保记录、参保变动，一个事务），否则逐行列出错误、不写入任何数据（退出码 1）") { file };
        import.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            if ((await db.Database.GetPendingMigrationsAsync(token)).Any())
            {
                throw new CliContext.CliException(ExitCodes.Usage, $"数据库（{options.Describe()}）尚未初始化或结构不是最新：请先运行 yibao db migrate");
            }

            var f = r.GetValue(file);
            if (f is not { Exists: true })
            {
                throw new CliContext.CliException(ExitCodes.Usage, $"导入文件不存在：{f?.FullName}");
            }

            if (!f.Name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) && !f.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliContext.CliException(ExitCodes.Usage, $"导入文件只能是 .xlsx 或 .csv：{f.Name}");
            }

            var watch = Stopwatch.StartNew();
            List<IReadOnlyList<string>> records;
            try
            {
                await using var s = f.OpenRead();
                records = PersonImportFiles.ReadRecords(s, f.Name);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or FormatException or InvalidOperationException)
            {
                await ctx.Err.WriteLineAsync($"{f.Name} 无法读取（不是有效的 .xlsx/.csv 文件）：{e.Message}");
                return ExitCodes.Failed;
            }

            var read = watch.Elapsed;
            var outcome = await sp.GetRequiredService<ImportPersonsHandler>().HandleAsync(new ImportPersons(f.Name, records), token);
            if (!outcome.Succeeded)
            {
                await ctx.Err.WriteLineAsync(string.Create(Inv, $"{f.Name} 有 {outcome.Errors.Count} 处错误，未导入任何数据："));
                foreach (var e in outcome.Errors.Take(1000))
                {
                    await ctx.Err.WriteLineAsync("  " + e);
                }

                if (outcome.Errors.Count > 1000)
                {
                    await ctx.Err.WriteLineAsync(string.Create(Inv, $"  ……另有 {outcome.Errors.Count - 1000} 处错误未列出"));
                }

                return ExitCodes.Failed;
            }

            var sum = outcome.Summary!;
            await ctx.Out.WriteLineAsync(string.Create(Inv,
                $"已导入 {sum.FileName}：人员 {sum.Persons} 人，参保记录 {sum.Enrollments} 条，人员编号 {sum.FirstPersonNo}–{sum.LastPersonNo}（用时 {watch.Elapsed.TotalSeconds:0.0} 秒，其中读取文件 {read.TotalSeconds:0.0} 秒）"));
            return ExitCodes.Success;
        }, ct));

        var output = new Argument<FileInfo>("FILE") { Description = "模板输出文件：.xlsx 或 .csv" };
        var template = new Command("template", "写出参保登记批量导入模板（列名和示例行）") { output };
        template.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var f = r.GetValue(output)!;
            var bytes = f.Name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? await PersonImportFiles.TemplateXlsxAsync(ct) : PersonImportFiles.TemplateCsv();
            await File.WriteAllBytesAsync(f.FullName, bytes, ct);
            await ctx.Out.WriteLineAsync($"已写出模板 {f.FullName}");
            return ExitCodes.Success;
        });

        person.Subcommands.Add(import);
        person.Subcommands.Add(template);
        return person;
    }
}
