using Yibao.Domain.Budget.Model;

namespace Yibao.Domain.Budget;

/// <summary>
/// 部门预算（已存储）(table budgets): the budget document in the documented JSON (docs/formats/budget.md) is the source
/// of truth; the header columns index it and carry the workflow (编制中 → 已报送 → 已批复 → 已公开), which overrides the
/// status and dates written in the document.
/// </summary>
public class StoredBudget
{
    public long Id { get; set; }

    public required string UnitCode { get; set; }

    public required string UnitName { get; set; }

    public int Year { get; set; }

    public BudgetPhase Phase { get; set; }

    public int Version { get; set; }

    public BudgetStatus Status { get; set; } = BudgetStatus.Drafting;

    /// <summary>批复日期.</summary>
    public DateOnly? ApprovedOn { get; set; }

    /// <summary>公开日期.</summary>
    public DateOnly? PublishedOn { get; set; }

    /// <summary>公开地址.</summary>
    public string? PublicAddress { get; set; }

    /// <summary>缺省公开样式（national、hebei …）.</summary>
    public string? Profile { get; set; }

    /// <summary>The budget JSON (yibao-budget/1).</summary>
    public required string Json { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime UpdatedAtUtc { get; set; }

    public string UpdatedBy { get; set; } = "";

    /// <summary>依法公开期限：批复日期 + 20 日.</summary>
    public DateOnly? PublishDeadline => ApprovedOn?.AddDays(DepartmentBudget.PublishWithinDays);

    /// <summary>Late: published after the deadline, or not yet published and the deadline has passed.</summary>
    public bool IsLate(DateOnly today) => PublishDeadline is DateOnly d && (Status == BudgetStatus.Published ? PublishedOn > d : today > d);

    /// <summary>The document with the workflow of the header columns applied.</summary>
    public DepartmentBudget ToModel() => WithHeader(BudgetJson.Parse(Json));

    public DepartmentBudget WithHeader(DepartmentBudget model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model with { Status = Status, ApprovedOn = ApprovedOn, PublishedOn = PublishedOn, PublishedAt = PublicAddress };
    }

    public string Title => $"{UnitName}{Year.ToString(System.Globalization.CultureInfo.InvariantCulture)}年{Phase.Chinese()}";
}
