namespace Yibao.Domain.Registry;

/// <summary>险种 insutype (national codes, DESIGN §1).</summary>
public enum InsuranceType
{
    /// <summary>310 职工基本医疗保险.</summary>
    EmployeeBasic = 310,
    /// <summary>320 公务员医疗补助.</summary>
    CivilServantSubsidy = 320,
    /// <summary>330 大额医疗费用补助.</summary>
    EmployeeLargeExpense = 330,
    /// <summary>340 离休人员医疗保障.</summary>
    RetiredCadreCare = 340,
    /// <summary>390 城乡居民基本医疗保险.</summary>
    ResidentBasic = 390,
    /// <summary>392 城乡居民大病医疗保险.</summary>
    ResidentCritical = 392,
    /// <summary>510 生育保险.</summary>
    Maternity = 510,
}

/// <summary>人员类别 psn_type. Codes are the project's own (two digits: 1x 职工, 2x 居民).</summary>
public enum PersonCategory
{
    /// <summary>在职.</summary>
    InService = 11,
    /// <summary>退休.</summary>
    Retired = 12,
    /// <summary>灵活就业.</summary>
    FlexibleEmployed = 13,
    /// <summary>离休.</summary>
    RetiredCadre = 14,
    /// <summary>学生/儿童（含新生儿）.</summary>
    StudentOrChild = 21,
    /// <summary>成年居民.</summary>
    AdultResident = 22,
    /// <summary>老年居民.</summary>
    ElderlyResident = 23,
}

/// <summary>参保状态 psn_insu_stas (national: 1 正常参保, 2 暂停参保, 4 终止参保).</summary>
public enum EnrollmentStatus
{
    /// <summary>正常参保.</summary>
    Active = 1,
    /// <summary>暂停参保（暂停缴费/中断）.</summary>
    Suspended = 2,
    /// <summary>终止参保.</summary>
    Terminated = 4,
}

/// <summary>终止原因.</summary>
public enum TerminationReason
{
    /// <summary>死亡.</summary>
    Death = 1,
    /// <summary>转出（关系转移接续）.</summary>
    TransferOut = 2,
    /// <summary>重复参保清理.</summary>
    DuplicateCleanup = 3,
}

/// <summary>参保变动类型.</summary>
public enum EnrollmentEventKind
{
    /// <summary>参保登记.</summary>
    Registered = 1,
    /// <summary>转入登记（关系转移接续）.</summary>
    TransferredIn = 2,
    /// <summary>变更人员类别.</summary>
    CategoryChanged = 3,
    /// <summary>暂停.</summary>
    Suspended = 4,
    /// <summary>恢复.</summary>
    Resumed = 5,
    /// <summary>终止.</summary>
    Terminated = 6,
    /// <summary>转出.</summary>
    TransferredOut = 7,
}

/// <summary>Chinese display names for the registry codes.</summary>
public static class RegistryNames
{
    public static string Of(InsuranceType t) => t switch
    {
        InsuranceType.EmployeeBasic => "职工基本医疗保险",
        InsuranceType.CivilServantSubsidy => "公务员医疗补助",
        InsuranceType.EmployeeLargeExpense => "大额医疗费用补助",
        InsuranceType.RetiredCadreCare => "离休人员医疗保障",
        InsuranceType.ResidentBasic => "城乡居民基本医疗保险",
        InsuranceType.ResidentCritical => "城乡居民大病医疗保险",
        InsuranceType.Maternity => "生育保险",
        _ => ((int)t).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Of(PersonCategory c) => c switch
    {
        PersonCategory.InService => "在职",
        PersonCategory.Retired => "退休",
        PersonCategory.FlexibleEmployed => "灵活就业",
        PersonCategory.RetiredCadre => "离休",
        PersonCategory.StudentOrChild => "学生/儿童",
        PersonCategory.AdultResident => "成年居民",
        PersonCategory.ElderlyResident => "老年居民",
        _ => ((int)c).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Of(EnrollmentStatus s) => s switch
    {
        EnrollmentStatus.Active => "正常参保",
        EnrollmentStatus.Suspended => "暂停参保",
        EnrollmentStatus.Terminated => "终止参保",
        _ => ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Of(TerminationReason r) => r switch
    {
        TerminationReason.Death => "死亡",
        TerminationReason.TransferOut => "转出",
        TerminationReason.DuplicateCleanup => "重复参保清理",
        _ => ((int)r).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Of(SpecialStatusType s) => s switch
    {
        SpecialStatusType.Destitute => "特困人员",
        SpecialStatusType.MinimumLiving => "低保对象",
        SpecialStatusType.PovertyAlleviated => "脱贫人口",
        SpecialStatusType.MonitoredAgainstPoverty => "防返贫监测对象",
        SpecialStatusType.RetiredCadre => "离休干部",
        SpecialStatusType.DisabledVeteran => "二等乙级以上伤残军人",
        SpecialStatusType.EarlyRevolutionary => "建国初期参加革命工作人员",
        SpecialStatusType.CivilServant => "公务员",
        _ => ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Whether the category belongs to employee (职工) or resident (居民) insurance.</summary>
    public static bool IsEmployeeCategory(PersonCategory c) => (int)c < 20;
}
