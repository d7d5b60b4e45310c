namespace Yibao.Domain.Catalogs;

/// <summary>目录类别 (list_type).</summary>
public enum CatalogListType
{
    /// <summary>西药.</summary>
    WesternMedicine = 1,
    /// <summary>中成药.</summary>
    ChinesePatentMedicine = 2,
    /// <summary>中药饮片.</summary>
    ChineseHerbalPieces = 3,
    /// <summary>医疗服务项目.</summary>
    MedicalService = 4,
    /// <summary>医用耗材.</summary>
    MedicalConsumable = 5,
}

/// <summary>收费项目等级 (chrgitm_lv): 甲/乙/丙.</summary>
public enum PaymentCategory
{
    /// <summary>甲类: fully within policy scope.</summary>
    A = 1,
    /// <summary>乙类: 先行自付 a ratio, the rest within policy scope.</summary>
    B = 2,
    /// <summary>丙类: 全自费.</summary>
    C = 3,
}

/// <summary>就诊类型 (med_type, national codes).</summary>
public enum VisitType
{
    /// <summary>普通门诊.</summary>
    GeneralOutpatient = 11,
    /// <summary>门诊慢特病.</summary>
    ChronicOutpatient = 14,
    /// <summary>住院.</summary>
    Inpatient = 21,
    /// <summary>生育.</summary>
    Maternity = 52,
}

/// <summary>A set of visit types (catalog restriction 限定就诊类型).</summary>
[Flags]
public enum VisitTypeSet
{
    None = 0,
    GeneralOutpatient = 1,
    ChronicOutpatient = 2,
    Inpatient = 4,
    Maternity = 8,
    All = GeneralOutpatient | ChronicOutpatient | Inpatient | Maternity,
}

/// <summary>Conversions and Chinese names for catalog enums.</summary>
public static class CatalogNames
{
    public static VisitTypeSet ToSet(this VisitType v) => v switch
    {
        VisitType.GeneralOutpatient => VisitTypeSet.GeneralOutpatient,
        VisitType.ChronicOutpatient => VisitTypeSet.ChronicOutpatient,
        VisitType.Inpatient => VisitTypeSet.Inpatient,
        VisitType.Maternity => VisitTypeSet.Maternity,
        _ => VisitTypeSet.None,
    };

    public static int Index(this VisitType v) => v switch
    {
        VisitType.GeneralOutpatient => 0,
        VisitType.ChronicOutpatient => 1,
        VisitType.Inpatient => 2,
        VisitType.Maternity => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(v)),
    };

    public static string ChineseName(this VisitType v) => v switch
    {
        VisitType.GeneralOutpatient => "普通门诊",
        VisitType.ChronicOutpatient => "门诊慢特病",
        VisitType.Inpatient => "住院",
        VisitType.Maternity => "生育",
        _ => "未知",
    };

    public static string ChineseName(this CatalogListType t) => t switch
    {
        CatalogListType.WesternMedicine => "西药",
        CatalogListType.ChinesePatentMedicine => "中成药",
        CatalogListType.ChineseHerbalPieces => "中药饮片",
        CatalogListType.MedicalService => "医疗服务项目",
        CatalogListType.MedicalConsumable => "医用耗材",
        _ => "未知",
    };

    public static string ChineseName(this PaymentCategory c) => c switch
    {
        PaymentCategory.A => "甲类",
        PaymentCategory.B => "乙类",
        PaymentCategory.C => "丙类",
        _ => "未知",
    };
}
