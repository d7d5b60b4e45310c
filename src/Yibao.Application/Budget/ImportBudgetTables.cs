using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Budget;
using Yibao.Domain.Budget.Model;
using Yibao.Domain.Catalogs;

namespace Yibao.Application.Budget;

/// <summary>
/// 导入标准表（Excel）：a workbook filled from the template, one sheet per standard table (sheet name = table title,
/// first row = column captions). Every sheet present replaces that table of the budget; absent sheets leave theirs
/// unchanged; the sheet “填表说明” is ignored. All-or-nothing: any error (工作表/第N行/列名/规则) writes nothing.
/// </summary>
public sealed record ImportBudgetTables(long Id, IReadOnlyList<(string Sheet, IReadOnlyList<IReadOnlyList<string>> Records)> Sheets, string? FileName = null);

public sealed class ImportBudgetTablesHandler(IAppDbContext db, SaveBudgetDraftHandler save)
{
    /// <summary>The sheet with the instructions in the template.</summary>
    public const string InstructionsSheet = "填表说明";

    public async Task<AppResult<StoredBudget>> HandleAsync(ImportBudgetTables command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var stored = await db.Budgets.AsNoTracking().FirstOrDefaultAsync(b => b.Id == command.Id, ct);
        if (stored is null)
        {
            return AppResult<StoredBudget>.Fail(new AppError("not-found", "预算：不存在", "id"));
        }
        if (BudgetDrafts.NotEditable(stored) is AppError notEditable)
        {
            return AppResult<StoredBudget>.Fail(notEditable);
        }
        var (model, errors) = Read(BudgetJson.Parse(stored.Json), command.Sheets);
        if (errors.Count > 0)
        {
            return AppResult<StoredBudget>.Fail(errors);
        }
        return await save.HandleAsync(new SaveBudgetDraft(command.Id, model), ct);
    }

    /// <summary>Applies every standard sheet to the budget; the errors name the sheet, the row, the column and the rule.</summary>
    public static (DepartmentBudget Model, IReadOnlyList<AppError> Errors) Read(DepartmentBudget model, IReadOnlyList<(string Sheet, IReadOnlyList<IReadOnlyList<string>> Records)> sheets)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sheets);
        var errors = new List<AppError>();
        var used = 0;
        foreach (var (sheet, records) in sheets)
        {
            if (sheet.Trim() == InstructionsSheet)
            {
                continue;
            }
            var table = BudgetEntryTables.BySheet(sheet);
            if (table is null)
            {
                errors.Add(new AppError("sheet", $"工作表“{sheet}”：不是标准表，工作表名应为 {string.Join("、", BudgetEntryTables.All.Select(t => t.Title))}", "file"));
                continue;
            }
            used++;
            if (records.Count == 0)
            {
                errors.Add(new AppError("header", $"工作表“{sheet}”第1行：缺少列名，应为 {string.Join("、", table.Columns.Select(c => c.Caption))}", "file"));
                continue;
            }
            var header = records[0].Select(h => h.Trim()).ToList();
            var positions = new int[table.Columns.Count];
            var missing = false;
            for (int c = 0; c < table.Columns.Count; c++)
            {
                positions[c] = header.IndexOf(table.Columns[c].Caption);
                if (positions[c] < 0 && table.Columns[c].Required)
                {
                    errors.Add(new AppError("header", $"工作表“{sheet}”第1行 {table.Columns[c].Caption}：缺少此列", "file"));
                    missing = true;
                }
            }
            if (missing)
            {
                continue;
            }
            var rows = records.Skip(1)
                .Select(r => (IReadOnlyList<string>)positions.Select(p => p >= 0 && p < r.Count ? r[p] : "").ToList())
                .ToList();
            var rowErrors = new List<ImportRowError>();
            model = BudgetEntryTables.Apply(table, model, rows, 2, rowErrors);
            errors.AddRange(rowErrors.Select(e => new AppError("row", string.Create(CultureInfo.InvariantCulture, $"工作表“{sheet}”第{e.Row}行 {e.Column}：{e.Message}"), "file")));
        }
        if (used == 0 && errors.Count == 0)
        {
            errors.Add(new AppError("empty", $"文件：没有标准表，工作表名应为 {string.Join("、", BudgetEntryTables.All.Select(t => t.Title))}", "file"));
        }
        return (model, errors);
    }
}
