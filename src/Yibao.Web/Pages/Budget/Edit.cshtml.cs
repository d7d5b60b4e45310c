using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Budget;
using Yibao.Application.Common;
using Yibao.Domain.Budget.Classification;
using Yibao.Domain.Budget.Disclosure;
using Yibao.Domain.Budget.Model;
using Yibao.Domain.Catalogs;
using Yibao.Infrastructure.Reports.Budget;

namespace Yibao.Web.Pages.Budget;

/// <summary>What the validation-as-you-type endpoint answers: the table's own errors, the rule catalog's findings, per-row marks and looked-up names.</summary>
public sealed record EntryCheck(
    string Part,
    IReadOnlyList<AppError> Errors,
    IReadOnlyList<(Finding Finding, string Where)> Findings,
    IReadOnlyDictionary<int, string> RowFlags,
    IReadOnlyDictionary<int, string> FunctionNames,
    IReadOnlyList<(string Key, string Label, decimal Change)> MissingReasons)
{
    /// <summary>True in the htmx answer: row marks and names are swapped out of band into the table.</summary>
    public bool OutOfBand { get; init; }
}

/// <summary>
/// 按表录入 (财务): one page per table of the budget (基本信息 and the standard tables of <see cref="BudgetEntryTables"/>),
/// editable only while 编制中. Typing posts the table to <c>?handler=Check</c> (htmx), which runs the same
/// <see cref="BudgetValidator"/> with the year's classification catalog on the draft and shows the findings next to the table.
/// The Excel template (one sheet per table) downloads from <c>?handler=Template</c>; a filled workbook imports all-or-nothing.
/// </summary>
public sealed class EditModel(
    GetBudgetHandler get,
    SaveBudgetDraftHandler save,
    LinkPriorYearHandler link,
    ImportBudgetTablesHandler importTables,
    BudgetCatalogs catalogs) : PageModel
{
    public const string UnitPart = "unit";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Part { get; set; }

    public BudgetDetail Detail { get; private set; } = null!;

    public DepartmentBudget Model { get; private set; } = null!;

    public ClassificationCatalog Catalog { get; private set; } = ClassificationCatalog.Default;

    public EntryTable? Table { get; private set; }

    public IReadOnlyList<IReadOnlyList<string>> Rows { get; private set; } = [];

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public EntryCheck Check { get; private set; } = null!;

    public Dictionary<string, decimal> Current { get; private set; } = [];

    public bool Editable => Detail.Stored.Status == BudgetStatus.Drafting;

    public static IReadOnlyList<(string Key, string Title)> Parts { get; } =
        [(UnitPart, "基本信息"), .. BudgetEntryTables.All.Select(t => (t.Key, t.Title))];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Rows = Table is null ? [] : BudgetEntryTables.Rows(Table, Model, NameOf);
        Check = BuildCheck(Model, []);
        return Page();
    }

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var (draft, errors) = Draft();
        return Partial("_EntryFindings", BuildCheck(draft, errors) with { OutOfBand = true });
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var (draft, errors) = Draft();
        if (errors.Count == 0)
        {
            var r = await save.HandleAsync(new SaveBudgetDraft(Id, draft), ct);
            if (r.Succeeded)
            {
                var title = Parts.First(p => p.Key == Part).Title;
                TempData["Message"] = $"“{title}”已保存。";
                return RedirectToPage("Edit", new { id = Id, part = Part });
            }
            errors = r.Errors;
        }
        Errors = errors;
        Rows = Table is null ? [] : FormRows(Table);
        Model = draft;
        Check = BuildCheck(draft, errors);
        return Page();
    }

    public async Task<IActionResult> OnPostLinkAsync(bool unlink, CancellationToken ct)
    {
        var r = await link.HandleAsync(new LinkPriorYear(Id, unlink), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = unlink ? "上年数已改为手工录入（保留原数字，可修改）。" : "上年数已按上年预算重新取数。";
            return RedirectToPage("Edit", new { id = Id, part = "prior" });
        }
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Errors = r.Errors;
        Rows = Table is null ? [] : BudgetEntryTables.Rows(Table, Model, NameOf);
        Check = BuildCheck(Model, []);
        return Page();
    }

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var bytes = await BudgetWorkbook.TemplateAsync(Model, NameOf, ct);
        return File(bytes, Yibao.Web.Infrastructure.ExcelFile.ContentType,
            string.Create(Inv, $"budget-{Detail.Stored.UnitCode}-{Detail.Stored.Year}-template.xlsx"));
    }

    public async Task<IActionResult> OnPostExcelAsync(IFormFile? upload, CancellationToken ct)
    {
        IReadOnlyList<AppError> errors;
        if (upload is null || upload.Length == 0)
        {
            errors = [new AppError("file", "文件：请选择填好的 .xlsx 模板", "upload")];
        }
        else if (!upload.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            errors = [new AppError("file", "文件：只支持 .xlsx（请使用下载的模板）", "upload")];
        }
        else
        {
            IReadOnlyList<(string, IReadOnlyList<IReadOnlyList<string>>)>? sheets = null;
            try
            {
                await using var s = upload.OpenReadStream();
                sheets = BudgetWorkbook.Read(s);
            }
#pragma warning disable CA1031 // an unreadable upload is reported in Chinese, never a 500
            catch (Exception)
#pragma warning restore CA1031
            {
                errors = [new AppError("file", "文件：无法读取，请确认是 Excel 2007 及以上的 .xlsx 文件", "upload")];
            }
            if (sheets is not null)
            {
                var r = await importTables.HandleAsync(new ImportBudgetTables(Id, sheets, Path.GetFileName(upload.FileName)), ct);
                if (r.Succeeded)
                {
                    TempData["Message"] = $"已从“{Path.GetFileName(upload.FileName)}”导入标准表。";
                    return RedirectToPage("Edit", new { id = Id, part = Part });
                }
                errors = r.Errors;
            }
            else
            {
                errors = [new AppError("file", "文件：无法读取，请确认是 Excel 2007 及以上的 .xlsx 文件", "upload")];
            }
        }
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Errors = errors;
        Rows = Table is null ? [] : BudgetEntryTables.Rows(Table, Model, NameOf);
        Check = BuildCheck(Model, []);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var d = await get.HandleAsync(new GetBudget(Id), ct);
        if (d is null)
        {
            return false;
        }
        Detail = d;
        Model = d.Model;
        Catalog = await catalogs.ForYearAsync(d.Stored.Year, ct);
        if (Parts.All(p => p.Key != Part))
        {
            Part = UnitPart;
        }
        Table = BudgetEntryTables.ByKey(Part);
        return true;
    }

    /// <summary>Name of a key for labels: the year's catalog (F:/E:/BE:/G:), project names (P:).</summary>
    public string? NameOf(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }
        var code = key[(colon + 1)..];
        ClassificationKind? kind = key[..colon] switch
        {
            "F" => ClassificationKind.Function,
            "E" or "BE" => ClassificationKind.DepartmentEconomic,
            "G" => ClassificationKind.GovernmentEconomic,
            _ => null,
        };
        if (kind is ClassificationKind k)
        {
            return Catalog.Find(k, code, Model.Year)?.Name ?? (Model.Names.TryGetValue(BudgetValidator.NameKey(k, code), out var n) ? n : null);
        }
        return key.StartsWith("P:", StringComparison.Ordinal) ? Model.Projects.FirstOrDefault(p => p.Id == code)?.Name : null;
    }

    private List<IReadOnlyList<string>> FormRows(EntryTable table)
    {
        var columns = Enumerable.Range(0, table.Columns.Count).Select(c => Request.Form["c" + c.ToString(Inv)]).ToList();
        var count = columns.Max(c => c.Count);
        var rows = new List<IReadOnlyList<string>>();
        for (int i = 0; i < count; i++)
        {
            rows.Add(columns.Select(c => i < c.Count ? c[i] ?? "" : "").ToList());
        }
        return rows;
    }

    /// <summary>The budget with the posted table (or 基本信息) applied, and the problems of the posted values.</summary>
    private (DepartmentBudget Draft, IReadOnlyList<AppError> Errors) Draft()
    {
        if (Table is not null)
        {
            var rowErrors = new List<ImportRowError>();
            var draft = BudgetEntryTables.Apply(Table, Model, FormRows(Table), 1, rowErrors);
            return (draft, rowErrors.Select(e => new AppError("row", string.Create(Inv, $"{Table.Title}第{e.Row}行 {e.Column}：{e.Message}"), e.Column)).ToList());
        }
        var errors = new List<AppError>();
        var f = Request.Form;
        string S(string k) => f[k].ToString().Trim();
        int N(string k, string label)
        {
            var t = S(k);
            if (t.Length == 0)
            {
                return 0;
            }
            if (!int.TryParse(t, NumberStyles.Integer, Inv, out var v) || v < 0)
            {
                errors.Add(new AppError("input", $"{label}：应为不小于 0 的整数，实为“{t}”", k));
                return 0;
            }
            return v;
        }
        var nature = BudgetNames.Parse<UnitNature>(S("Nature"));
        if (nature is null)
        {
            errors.Add(new AppError("input", $"单位性质：应为 {BudgetNames.Choices<UnitNature>()}", "Nature"));
        }
        if (S("UnitCode").Length == 0)
        {
            errors.Add(new AppError("input", "单位编码：必填", "UnitCode"));
        }
        if (S("UnitName").Length == 0)
        {
            errors.Add(new AppError("input", "单位名称：必填", "UnitName"));
        }
        var profile = S("Profile");
        if (profile.Length > 0 && DisclosureProfiles.Find(profile) is null)
        {
            errors.Add(new AppError("input", $"公开样式：应为 {DisclosureProfiles.Names}", "Profile"));
        }
        static List<string> Lines(string text) => text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var oldCode = Model.Unit.Code;
        var newCode = S("UnitCode");
        var unit = Model.Unit with
        {
            Code = newCode,
            Name = S("UnitName"),
            Nature = nature ?? Model.Unit.Nature,
            Rank = S("Rank").Length == 0 ? null : S("Rank"),
            FundingForm = S("FundingForm").Length == 0 ? null : S("FundingForm"),
            Staffing = new Staffing(N("Authorized", "编制人数"), N("Actual", "实有人数"), N("Retired", "退休人数")),
            Departments = Lines(S("Departments")),
            Responsibilities = Lines(S("Responsibilities")),
        };
        var lines = Model.Lines.Select(l => l.UnitCode == oldCode ? l with { UnitCode = newCode } : l).ToList();
        return (Model with { Unit = unit, Lines = lines, Profile = profile.Length == 0 ? Model.Profile : profile }, errors);
    }

    private EntryCheck BuildCheck(DepartmentBudget draft, IReadOnlyList<AppError> errors)
    {
        var findings = BudgetValidator.Validate(draft, Catalog);
        Current = BudgetFigures.Compute(draft);
        var shown = findings.Where(x => x.Severity != FindingSeverity.Info || x.Rule == RuleCatalog.ClassCode.Id)
            .Select(x => (x, Where(draft, x.Location))).ToList();
        var flags = new Dictionary<int, string>();
        var names = new Dictionary<int, string>();
        if (Part == "lines")
        {
            // the validator numbers the non-blank rows; map them back to the rows of the screen
            var positions = new List<int>();
            var posted = Request.HasFormContentType && Request.Form.ContainsKey("c0") ? FormRows(BudgetEntryTables.Lines) : BudgetEntryTables.Rows(BudgetEntryTables.Lines, draft).ToList();
            for (int i = 0; i < posted.Count; i++)
            {
                if (!posted[i].All(string.IsNullOrWhiteSpace))
                {
                    positions.Add(i);
                }
                var code = posted[i].Count > 0 ? posted[i][0].Trim() : "";
                names[i] = code.Length == 0 ? "" : Catalog.Find(ClassificationKind.Function, code, draft.Year)?.Name
                    ?? (code.Length == 7 ? $"{draft.Year} 年科目表中没有编码 {code}" : "应为 7 位编码");
            }
            foreach (var (f, _) in shown)
            {
                if (f.Location.StartsWith("预算明细第", StringComparison.Ordinal)
                    && int.TryParse(f.Location["预算明细第".Length..^1], NumberStyles.Integer, Inv, out var n) && n - 1 < positions.Count)
                {
                    var at = positions[n - 1];
                    flags[at] = flags.TryGetValue(at, out var old) ? old + "；" + f.Message : f.Message;
                }
            }
            foreach (var e in errors)
            {
                var m = System.Text.RegularExpressions.Regex.Match(e.Message, "^支出明细第(\\d+)行");
                if (m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.Integer, Inv, out var row))
                {
                    flags[row - 1] = flags.TryGetValue(row - 1, out var old) ? old + "；" + e.Message : e.Message;
                }
            }
        }
        var missing = new List<(string, string, decimal)>();
        if (draft.Prior is not null)
        {
            foreach (var key in BudgetValidator.ComparedKeys(draft, Current))
            {
                var cur = Current.TryGetValue(key, out var c) ? c : 0;
                var prior = draft.Prior[key] ?? 0;
                if (cur != prior && (!draft.Reasons.TryGetValue(key, out var reason) || string.IsNullOrWhiteSpace(reason)))
                {
                    missing.Add((key, BudgetFigures.Label(key, NameOf), cur - prior));
                }
            }
        }
        return new EntryCheck(Part ?? UnitPart, errors, shown, flags, names, missing);
    }

    /// <summary>Chinese location of a finding on the entry screens.</summary>
    private string Where(DepartmentBudget draft, string location)
    {
        if (location.StartsWith("reasons.", StringComparison.Ordinal))
        {
            return "上年数与增减原因·" + BudgetFigures.Label(location["reasons.".Length..], NameOf);
        }
        if (location.StartsWith("names.", StringComparison.Ordinal))
        {
            return "支出明细·科目名称 " + location["names.".Length..];
        }
        return location switch
        {
            "status" => "状态",
            "sanGong" => "三公经费",
            "prior.year" => "上年数·年度",
            _ when location.StartsWith("项目 ", StringComparison.Ordinal) => "项目·" + location[3..],
            _ => location.Length == 0 ? draft.Unit.Name : location,
        };
    }

    public static string Money(decimal yuan) => yuan.ToString("N2", CultureInfo.GetCultureInfo("zh-CN"));
}
