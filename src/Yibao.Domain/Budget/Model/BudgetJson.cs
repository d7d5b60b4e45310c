using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Yibao.Domain.Budget.Model;

/// <summary>A budget file could not be read: every problem as “字段：规则”.</summary>
public sealed class BudgetFormatException : Exception
{
    public BudgetFormatException()
    {
        Errors = [];
    }

    public BudgetFormatException(string message) : base(message)
    {
        Errors = [message];
    }

    public BudgetFormatException(string message, Exception inner) : base(message, inner)
    {
        Errors = [message];
    }

    public BudgetFormatException(IReadOnlyList<string> errors) : base(string.Join("；", errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }
}

/// <summary>
/// The documented sample format (docs/formats/budget.md, <c>yibao-budget/1</c>): JSON, amounts in 元, enum values in Chinese.
/// Parsing is pure (string in, model out).
/// </summary>
public static class BudgetJson
{
    public const string FormatId = "yibao-budget/1";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static DepartmentBudget Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        FileDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<FileDto>(json, Options);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is long line ? string.Create(CultureInfo.InvariantCulture, $"第{line + 1}行") : "文件";
            throw new BudgetFormatException($"{where}：不是有效的 JSON 或字段类型不符（{ex.Path}）");
        }
        if (dto is null)
        {
            throw new BudgetFormatException("文件：内容为空");
        }
        var errors = new List<string>();
        var result = Map(dto, errors);
        if (errors.Count > 0)
        {
            throw new BudgetFormatException(errors);
        }
        return result!;
    }

    private static T Req<T>(string? text, string field, List<string> errors, T fallback) where T : struct, Enum
    {
        var v = BudgetNames.Parse<T>(text);
        if (v is null)
        {
            errors.Add(string.IsNullOrWhiteSpace(text)
                ? $"{field}：必填，取值为 {BudgetNames.Choices<T>()}"
                : $"{field}：“{text}”不是有效取值，应为 {BudgetNames.Choices<T>()}");
            return fallback;
        }
        return v.Value;
    }

    private static DateOnly? Date(string? text, string field, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }
        errors.Add($"{field}：日期格式应为 yyyy-MM-dd（如 2024-02-01），实为“{text}”");
        return null;
    }

    private static BudgetUnit MapUnit(UnitDto? u, string field, List<string> errors)
    {
        if (u is null)
        {
            errors.Add($"{field}：必填");
            return new BudgetUnit("", "", UnitNature.Administrative, null, null, new Staffing(0, 0, 0), [], [], []);
        }
        if (string.IsNullOrWhiteSpace(u.Name))
        {
            errors.Add($"{field}.name：单位名称必填");
        }
        if (string.IsNullOrWhiteSpace(u.Code))
        {
            errors.Add($"{field}.code：单位编码必填");
        }
        var st = u.Staffing ?? new StaffingDto();
        if (st.Authorized < 0 || st.Actual < 0 || st.Retired < 0)
        {
            errors.Add($"{field}.staffing：人数不能为负数");
        }
        var subs = (u.Subordinates ?? []).Select((s, i) => MapUnit(s, string.Create(CultureInfo.InvariantCulture, $"{field}.subordinates[{i}]"), errors)).ToList();
        return new BudgetUnit(u.Code?.Trim() ?? "", u.Name?.Trim() ?? "", Req<UnitNature>(u.Nature, field + ".nature", errors, UnitNature.Administrative),
            u.Rank, u.FundingForm, new Staffing(st.Authorized, st.Actual, st.Retired), u.Departments ?? [], u.Responsibilities ?? [], subs);
    }

    private static PerformanceTarget? MapTarget(TargetDto? t, string field, List<string> errors)
    {
        if (t is null)
        {
            return null;
        }
        var inds = new List<Indicator>();
        for (int i = 0; i < (t.Indicators ?? []).Count; i++)
        {
            var d = t.Indicators![i];
            var f = string.Create(CultureInfo.InvariantCulture, $"{field}.indicators[{i}]");
            if (string.IsNullOrWhiteSpace(d.Name))
            {
                errors.Add($"{f}.name：三级指标名称必填");
            }
            inds.Add(new Indicator(d.Level1?.Trim() ?? "", d.Level2?.Trim() ?? "", d.Name?.Trim() ?? "", d.Description, d.Operator?.Trim() ?? "", d.Value?.Trim() ?? "", d.Unit, d.Basis, d.Weight));
        }
        return new PerformanceTarget(t.Goal ?? "", inds);
    }

    private static DepartmentBudget? Map(FileDto d, List<string> errors)
    {
        if (d.Format is not null && d.Format != FormatId)
        {
            errors.Add($"format：应为“{FormatId}”，实为“{d.Format}”");
        }
        var unit = MapUnit(d.Unit, "unit", errors);
        if (d.Year is < 2000 or > 2100)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"year：预算年度应在 2000–2100 之间，实为 {d.Year}"));
        }
        var phase = d.Phase is null ? BudgetPhase.Budget : Req<BudgetPhase>(d.Phase, "phase", errors, BudgetPhase.Budget);
        var status = d.Status is null ? BudgetStatus.Drafting : Req<BudgetStatus>(d.Status, "status", errors, BudgetStatus.Drafting);
        var unitCodes = unit.SelfAndSubordinates().Select(u => u.Code).ToHashSet(StringComparer.Ordinal);

        var revenue = new List<RevenueLine>();
        for (int i = 0; i < (d.Revenue ?? []).Count; i++)
        {
            var r = d.Revenue![i];
            var f = string.Create(CultureInfo.InvariantCulture, $"revenue[{i}]");
            if (r.Amount < 0)
            {
                errors.Add($"{f}.amount：金额不能为负数");
            }
            revenue.Add(new RevenueLine(Req<FundingSource>(r.Source, f + ".source", errors, FundingSource.GeneralPublic), r.Amount));
        }

        var lines = new List<BudgetLine>();
        for (int i = 0; i < (d.Lines ?? []).Count; i++)
        {
            var l = d.Lines![i];
            var f = string.Create(CultureInfo.InvariantCulture, $"lines[{i}]");
            var type = Req<ExpenseType>(l.Type, f + ".type", errors, ExpenseType.Basic);
            BasicKind? kind = l.Kind is null ? null : Req<BasicKind>(l.Kind, f + ".kind", errors, BasicKind.Public);
            var unitCode = string.IsNullOrWhiteSpace(l.Unit) ? unit.Code : l.Unit.Trim();
            if (!unitCodes.Contains(unitCode))
            {
                errors.Add($"{f}.unit：单位编码“{unitCode}”不是本部门或其下属单位");
            }
            if (string.IsNullOrWhiteSpace(l.Function))
            {
                errors.Add($"{f}.function：功能分类科目编码必填（7 位，到项）");
            }
            if (string.IsNullOrWhiteSpace(l.DeptEconomic))
            {
                errors.Add($"{f}.deptEconomic：部门经济分类科目编码必填（5 位，到款）");
            }
            if (string.IsNullOrWhiteSpace(l.GovEconomic))
            {
                errors.Add($"{f}.govEconomic：政府经济分类科目编码必填（5 位，到款）");
            }
            lines.Add(new BudgetLine(unitCode, l.Function?.Trim() ?? "", l.DeptEconomic?.Trim() ?? "", l.GovEconomic?.Trim() ?? "",
                Req<FundingSource>(l.Source, f + ".source", errors, FundingSource.GeneralPublic), type, kind,
                string.IsNullOrWhiteSpace(l.Project) ? null : l.Project.Trim(), l.Amount));
        }

        var projects = new List<BudgetProject>();
        for (int i = 0; i < (d.Projects ?? []).Count; i++)
        {
            var p = d.Projects![i];
            var f = string.Create(CultureInfo.InvariantCulture, $"projects[{i}]");
            if (string.IsNullOrWhiteSpace(p.Id))
            {
                errors.Add($"{f}.id：项目编号必填");
            }
            if (string.IsNullOrWhiteSpace(p.Name))
            {
                errors.Add($"{f}.name：项目名称必填");
            }
            projects.Add(new BudgetProject(p.Id?.Trim() ?? "", p.Name?.Trim() ?? "", p.Description, MapTarget(p.Target, f + ".target", errors)));
        }
        foreach (var dup in projects.GroupBy(p => p.Id, StringComparer.Ordinal).Where(g => g.Count() > 1 && g.Key.Length > 0))
        {
            errors.Add($"projects：项目编号“{dup.Key}”重复");
        }

        var sg = d.SanGong ?? new SanGongDto();
        var sanGong = new SanGongCosts(sg.Abroad, sg.VehiclePurchase, sg.VehicleOperation, sg.Reception, sg.Meeting, sg.Training);
        var procurement = new List<ProcurementItem>();
        for (int i = 0; i < (d.Procurement ?? []).Count; i++)
        {
            var p = d.Procurement![i];
            var f = string.Create(CultureInfo.InvariantCulture, $"procurement[{i}]");
            procurement.Add(new ProcurementItem(p.Name ?? "", Req<ProcurementCategory>(p.Category, f + ".category", errors, ProcurementCategory.Goods), p.Amount, p.SmeReserved, p.Project, p.Quantity));
        }
        var a = d.Assets ?? new AssetsDto();
        var assets = new AssetInfo(Date(a.AsOf, "assets.asOf", errors),
            (a.Holdings ?? []).Select(h => new AssetHolding(h.Category ?? "", h.Quantity, h.QuantityUnit, h.Value)).ToList(),
            (a.Planned ?? []).Select(p => new AssetPurchase(p.Name ?? "", p.Quantity, p.QuantityUnit ?? "", p.Amount)).ToList());
        PriorYearFigures? prior = d.Prior is null ? null : new PriorYearFigures(d.Prior.Year ?? d.Year - 1, d.Prior.Figures ?? new Dictionary<string, decimal>()) { Source = string.IsNullOrWhiteSpace(d.Prior.Source) ? null : d.Prior.Source };

        return new DepartmentBudget(unit, d.Year, phase, d.Version <= 0 ? 1 : d.Version, status,
            Date(d.ApprovedOn, "approvedOn", errors), Date(d.PublishedOn, "publishedOn", errors), d.PublishedAt, d.Profile,
            revenue, lines, projects, MapTarget(d.UnitTarget, "unitTarget", errors), sanGong,
            (d.RunningCost ?? []).Select(r => new RunningCostItem(r.Item ?? "", r.Amount)).ToList(),
            procurement, assets, prior,
            d.Reasons ?? new Dictionary<string, string>(),
            d.Stated ?? new Dictionary<string, decimal>(),
            (d.Glossary ?? []).Select(g => new GlossaryEntry(g.Term ?? "", g.Definition ?? "")).ToList(),
            d.Notes ?? [],
            d.Names ?? new Dictionary<string, string>());
    }

#pragma warning disable CA1812, CA2227, CA1002 // DTOs instantiated by System.Text.Json
    private sealed class FileDto
    {
        public string? Format { get; set; }
        public UnitDto? Unit { get; set; }
        public int Year { get; set; }
        public string? Phase { get; set; }
        public int Version { get; set; }
        public string? Status { get; set; }
        public string? ApprovedOn { get; set; }
        public string? PublishedOn { get; set; }
        public string? PublishedAt { get; set; }
        public string? Profile { get; set; }
        public List<RevenueDto>? Revenue { get; set; }
        public List<LineDto>? Lines { get; set; }
        public List<ProjectDto>? Projects { get; set; }
        public TargetDto? UnitTarget { get; set; }
        public SanGongDto? SanGong { get; set; }
        public List<RunningDto>? RunningCost { get; set; }
        public List<ProcurementDto>? Procurement { get; set; }
        public AssetsDto? Assets { get; set; }
        public PriorDto? Prior { get; set; }
        public Dictionary<string, string>? Reasons { get; set; }
        public Dictionary<string, decimal>? Stated { get; set; }
        public List<GlossaryDto>? Glossary { get; set; }
        public List<string>? Notes { get; set; }
        public Dictionary<string, string>? Names { get; set; }
    }

    private sealed class UnitDto
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Nature { get; set; }
        public string? Rank { get; set; }
        public string? FundingForm { get; set; }
        public StaffingDto? Staffing { get; set; }
        public List<string>? Departments { get; set; }
        public List<string>? Responsibilities { get; set; }
        public List<UnitDto>? Subordinates { get; set; }
    }

    private sealed class StaffingDto
    {
        public int Authorized { get; set; }
        public int Actual { get; set; }
        public int Retired { get; set; }
    }

    private sealed class RevenueDto
    {
        public string? Source { get; set; }
        public decimal Amount { get; set; }
    }

    private sealed class LineDto
    {
        public string? Unit { get; set; }
        public string? Function { get; set; }
        public string? DeptEconomic { get; set; }
        public string? GovEconomic { get; set; }
        public string? Source { get; set; }
        public string? Type { get; set; }
        public string? Kind { get; set; }
        public string? Project { get; set; }
        public decimal Amount { get; set; }
    }

    private sealed class ProjectDto
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public TargetDto? Target { get; set; }
    }

    private sealed class TargetDto
    {
        public string? Goal { get; set; }
        public List<IndicatorDto>? Indicators { get; set; }
    }

    private sealed class IndicatorDto
    {
        public string? Level1 { get; set; }
        public string? Level2 { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string? Operator { get; set; }
        public string? Value { get; set; }
        public string? Unit { get; set; }
        public string? Basis { get; set; }
        public decimal? Weight { get; set; }
    }

    private sealed class SanGongDto
    {
        public decimal Abroad { get; set; }
        public decimal VehiclePurchase { get; set; }
        public decimal VehicleOperation { get; set; }
        public decimal Reception { get; set; }
        public decimal Meeting { get; set; }
        public decimal Training { get; set; }
    }

    private sealed class RunningDto
    {
        public string? Item { get; set; }
        public decimal Amount { get; set; }
    }

    private sealed class ProcurementDto
    {
        public string? Name { get; set; }
        public string? Category { get; set; }
        public decimal Amount { get; set; }
        public decimal SmeReserved { get; set; }
        public string? Project { get; set; }
        public string? Quantity { get; set; }
    }

    private sealed class AssetsDto
    {
        public string? AsOf { get; set; }
        public List<HoldingDto>? Holdings { get; set; }
        public List<PlannedDto>? Planned { get; set; }
    }

    private sealed class HoldingDto
    {
        public string? Category { get; set; }
        public decimal? Quantity { get; set; }
        public string? QuantityUnit { get; set; }
        public decimal Value { get; set; }
    }

    private sealed class PlannedDto
    {
        public string? Name { get; set; }
        public decimal Quantity { get; set; }
        public string? QuantityUnit { get; set; }
        public decimal Amount { get; set; }
    }

    private sealed class PriorDto
    {
        public int? Year { get; set; }
        public Dictionary<string, decimal>? Figures { get; set; }
        public string? Source { get; set; }
    }

    private sealed class GlossaryDto
    {
        public string? Term { get; set; }
        public string? Definition { get; set; }
    }
#pragma warning restore CA1812, CA2227, CA1002
}
