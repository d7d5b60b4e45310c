namespace Yibao.Domain.Budget.Model;

/// <summary>One table of a profile: what it projects and its published title.</summary>
public sealed record TableSpec(TableKind Kind, string Title);

/// <summary>
/// A disclosure profile: which tables (in which order and with which titles), the unit of the tables,
/// whether the publisher calls itself 部门 or 单位, and the wording for an empty table.
/// </summary>
public sealed record DisclosureProfile(string Name, string Label, string UnitWord, string TableUnit, string EmptyWording, IReadOnlyList<TableSpec> Tables);

/// <summary>The built-in profiles: national 8 tables; Hebei (正定/大城); Sichuan (米易); Ningxia 9 tables (盐池); Shaanxi 15 tables (镇安).</summary>
public static class DisclosureProfiles
{
    private static readonly TableSpec[] NationalEight =
    [
        new(TableKind.Summary, "部门收支总表"),
        new(TableKind.Revenue, "部门收入总表"),
        new(TableKind.Expense, "部门支出总表"),
        new(TableKind.FinancialSummary, "财政拨款收支总表"),
        new(TableKind.GeneralPublicByFunction, "一般公共预算支出表"),
        new(TableKind.GeneralPublicBasicByEconomic, "一般公共预算基本支出表"),
        new(TableKind.SanGong, "一般公共预算“三公”经费支出表"),
        new(TableKind.GovernmentFund, "政府性基金预算支出表"),
    ];

    public static DisclosureProfile National { get; } = new("national", "全国统一 8 张表", "部门", "万元", "本部门无此项预算，公开空表。", NationalEight);

    public static DisclosureProfile Hebei { get; } = new("hebei", "河北（正定、大城）", "部门", "万元", "本部门无此项预算，按规定公开空表。",
    [
        .. NationalEight,
        new(TableKind.Projects, "项目支出表"),
        new(TableKind.Procurement, "部门政府采购预算表"),
        new(TableKind.Assets, "固定资产占用情况表"),
        new(TableKind.ProjectPerformance, "部门职责—工作活动绩效目标表"),
    ]);

    public static DisclosureProfile Sichuan { get; } = new("sichuan", "四川（米易）", "部门", "万元", "本部门无此项收支，公开空表。",
    [
        new(TableKind.Summary, "部门收支预算总表"),
        new(TableKind.Revenue, "部门收入预算表"),
        new(TableKind.Expense, "部门支出预算表"),
        new(TableKind.FinancialSummary, "财政拨款收支预算总表"),
        new(TableKind.GeneralPublicByFunction, "一般公共预算支出预算表"),
        new(TableKind.GeneralPublicBasicByEconomic, "一般公共预算基本支出预算表"),
        new(TableKind.SanGong, "一般公共预算“三公”经费支出预算表"),
        new(TableKind.GovernmentFund, "政府性基金预算支出预算表"),
        new(TableKind.ProjectPerformance, "项目支出绩效目标表"),
    ]);

    public static DisclosureProfile Ningxia { get; } = new("ningxia", "宁夏 9 张表（盐池）", "部门", "万元", "本部门无此项预算，公开空表。",
    [
        new(TableKind.FinancialSummary, "财政拨款收支预算总表"),
        new(TableKind.GeneralPublicByFunction, "一般公共预算财政拨款支出预算表"),
        new(TableKind.GeneralPublicBasicByEconomic, "一般公共预算财政拨款基本支出预算表"),
        new(TableKind.SanGong, "一般公共预算财政拨款“三公”经费支出预算表"),
        new(TableKind.GovernmentFund, "政府性基金预算财政拨款支出预算表"),
        new(TableKind.Summary, "部门收支预算总表"),
        new(TableKind.Revenue, "部门收入预算表"),
        new(TableKind.Expense, "部门支出预算表"),
        new(TableKind.Procurement, "政府采购预算表"),
    ]);

    public static DisclosureProfile Shaanxi { get; } = new("shaanxi", "陕西 15 张表（镇安）", "单位", "元", "本单位不涉及此项预算，公开空表。",
    [
        new(TableKind.Summary, "单位综合预算收支总表"),
        new(TableKind.Revenue, "单位综合预算收入总表"),
        new(TableKind.Expense, "单位综合预算支出总表"),
        new(TableKind.FinancialSummary, "单位综合预算财政拨款收支总表"),
        new(TableKind.GeneralPublicByFunction, "单位综合预算一般公共预算支出明细表（按支出功能分类科目）"),
        new(TableKind.GeneralPublicByEconomic, "单位综合预算一般公共预算支出明细表（按支出经济分类科目）"),
        new(TableKind.GeneralPublicBasicByFunction, "单位综合预算一般公共预算基本支出明细表（按支出功能分类科目）"),
        new(TableKind.GeneralPublicBasicByEconomic, "单位综合预算一般公共预算基本支出明细表（按支出经济分类科目）"),
        new(TableKind.GovernmentFund, "单位综合预算政府性基金收支表"),
        new(TableKind.Projects, "单位综合预算专项业务经费支出表"),
        new(TableKind.Procurement, "单位综合预算政府采购（资产配置、购买服务）预算表"),
        new(TableKind.SanGongMeetingTraining, "单位综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表"),
        new(TableKind.ProjectPerformance, "单位业务经费绩效目标表"),
        new(TableKind.UnitPerformance, "单位整体支出绩效目标表"),
        new(TableKind.SpecialFundPerformance, "专项资金总体绩效目标表"),
    ]);

    public static IReadOnlyList<DisclosureProfile> All { get; } = [National, Hebei, Sichuan, Ningxia, Shaanxi];

    public static DisclosureProfile? Find(string? name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Names => string.Join("、", All.Select(p => p.Name));
}
