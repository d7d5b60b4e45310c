using Yibao.Domain.Institutions;

namespace Yibao.Web.Infrastructure;

/// <summary>Chinese names shown on screens for English identifiers.</summary>
public static class Labels
{
    public static string Of(InstitutionType type) => type switch
    {
        InstitutionType.Hospital => "医院",
        InstitutionType.PrimaryCare => "基层医疗机构",
        InstitutionType.VillageClinic => "村卫生室",
        InstitutionType.Pharmacy => "零售药店",
        _ => type.ToString(),
    };

    /// <summary>Entity names in the audit trail (English identifiers from the glossary) with their Chinese term.</summary>
    public static string Entity(string entity) => entity switch
    {
        "StaffUser" => "工作人员账号",
        "IdentityRole" => "角色",
        "IdentityUserRole" => "账号角色",
        "IdentityUserClaim" => "账号声明",
        "IdentityUserToken" => "账号令牌",
        "Person" => "参保人员",
        "Household" => "家庭户",
        "Employer" => "参保单位",
        "Institution" => "定点医药机构",
        "Area" => "行政区划",
        "Enrollment" => "参保记录",
        "EnrollmentEvent" => "参保变动",
        "PersonSpecialStatus" => "特殊身份",
        "WaitingPeriodRule" => "待遇享受期规则",
        "ResidentContributionPolicy" => "居民医保筹资标准",
        "ResidentContribution" => "居民缴费",
        "JournalEntry" => "记账凭证",
        "JournalLine" => "分录",
        "SettlementRecord" => "结算记录",
        "Disbursement" => "拨付记录",
        "DemoCounty" => "示范县演示数据",
        _ => entity,
    };

    public static string EntityWithCode(string entity) =>
        Entity(entity) is var zh && !string.Equals(zh, entity, StringComparison.Ordinal) ? $"{zh}（{entity}）" : entity;
}
