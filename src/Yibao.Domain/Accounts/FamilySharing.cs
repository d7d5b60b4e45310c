using Yibao.Domain.Common;

namespace Yibao.Domain.Accounts;

/// <summary>家庭共济关系: who the family member is to the account owner.</summary>
public enum FamilyRelation
{
    /// <summary>配偶.</summary>
    Spouse = 1,
    /// <summary>父母.</summary>
    Parent = 2,
    /// <summary>子女.</summary>
    Child = 3,
    /// <summary>其他近亲属（祖父母、外祖父母、孙子女、外孙子女、兄弟姐妹）.</summary>
    OtherClose = 4,
}

/// <summary>
/// 家庭共济绑定 (table family_sharing_bindings): the 职工个人账户 of <see cref="OwnerPersonId"/> may pay the personal part of
/// <see cref="MemberPersonId"/>'s settlements from <see cref="BeginDate"/> to <see cref="EndDate"/> (inclusive). Registered by a
/// 经办员: the member is in the owner's 家庭户, or the relation is proven by a document (<see cref="ProofReference"/>).
/// Ended, never deleted.
/// </summary>
public class FamilySharingBinding
{
    public long Id { get; set; }

    /// <summary>账户所有人 (职工).</summary>
    public long OwnerPersonId { get; set; }

    /// <summary>共济人员 (家庭成员).</summary>
    public long MemberPersonId { get; set; }

    public FamilyRelation Relation { get; set; }

    /// <summary>登记时是否同一家庭户.</summary>
    public bool SameHousehold { get; set; }

    /// <summary>关系证明（结婚证、出生医学证明、户口簿等的名称与编号）.</summary>
    public string? ProofReference { get; set; }

    /// <summary>开始日期.</summary>
    public DateOnly BeginDate { get; set; }

    /// <summary>结束日期 (inclusive; null = open).</summary>
    public DateOnly? EndDate { get; set; }

    /// <summary>结束原因.</summary>
    public string? EndReason { get; set; }

    /// <summary>登记经办员.</summary>
    public string? CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public bool IsEffectiveOn(DateOnly date) => BeginDate <= date && (EndDate is null || EndDate >= date);

    /// <summary>The relation's Chinese name.</summary>
    public static string RelationName(FamilyRelation r) => r switch
    {
        FamilyRelation.Spouse => "配偶",
        FamilyRelation.Parent => "父母",
        FamilyRelation.Child => "子女",
        FamilyRelation.OtherClose => "其他近亲属",
        _ => throw new DomainException("共济关系：不是有效的关系类型") { Field = "relation", Code = "invalid-relation" },
    };
}
