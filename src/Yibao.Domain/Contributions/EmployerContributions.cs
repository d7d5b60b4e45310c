using System.Globalization;
using Yibao.Domain.Common;

namespace Yibao.Domain.Contributions;

/// <summary>
/// 所属期 (费款所属期): a calendar month stored as yyyyMM (e.g. 202611). Parsed from "2026-11", "2026/11", "202611"
/// or an Excel date.
/// </summary>
public static class ContributionPeriod
{
    public static int Of(int year, int month) => (year * 100) + month;

    public static int Of(DateOnly d) => Of(d.Year, d.Month);

    public static int Year(int period) => period / 100;

    public static int Month(int period) => period % 100;

    public static DateOnly FirstDay(int period) => new(Year(period), Month(period), 1);

    public static DateOnly LastDay(int period) => FirstDay(period).AddMonths(1).AddDays(-1);

    public static string Format(int period) => string.Create(CultureInfo.InvariantCulture, $"{Year(period):0000}-{Month(period):00}");

    /// <summary>Whole months from <paramref name="from"/> to <paramref name="to"/> (202601 → 202604 is 3).</summary>
    public static int MonthsBetween(int from, int to) => ((Year(to) - Year(from)) * 12) + Month(to) - Month(from);

    public static bool TryParse(string? text, out int period)
    {
        period = 0;
        var t = (text ?? "").Trim();
        if (t.Length >= 10 && DateOnly.TryParseExact(t[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            period = Of(d);
            return true;
        }

        t = t.Replace("-", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal)
            .Replace("年", "", StringComparison.Ordinal).Replace("月", "", StringComparison.Ordinal);
        if (t.Length == 5 && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var short5))
        {
            t = string.Create(CultureInfo.InvariantCulture, $"{short5 / 10:0000}0{short5 % 10}"); // 20261 → 202601
        }

        if (t.Length != 6 || !int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
        {
            return false;
        }

        if (v / 100 is < 2000 or > 2100 || v % 100 is < 1 or > 12)
        {
            return false;
        }

        period = v;
        return true;
    }
}

/// <summary>缴费基数申报 of one employee for one year: the declared base and the 核定 (approved) base the plans use.</summary>
public class ContributionBase
{
    public long Id { get; set; }

    public long EmployerId { get; set; }

    public long PersonId { get; set; }

    /// <summary>统筹区.</summary>
    public required string PoolAreaCode { get; set; }

    /// <summary>缴费年度.</summary>
    public int Year { get; set; }

    /// <summary>申报基数 (月).</summary>
    public decimal DeclaredBase { get; set; }

    /// <summary>核定基数 (月): equals the declared base, or the floor/ceiling when 核定 clamped it.</summary>
    public decimal ApprovedBase { get; set; }

    /// <summary>申报日期.</summary>
    public DateOnly DeclaredOn { get; set; }

    /// <summary>True when 核定 moved the base to the floor or ceiling.</summary>
    public bool IsAdjusted => DeclaredBase != ApprovedBase;
}

/// <summary>征收计划: what one employer owes for one month (the sum of its lines).</summary>
public class CollectionPlan
{
    public long Id { get; set; }

    public long EmployerId { get; set; }

    public required string PoolAreaCode { get; set; }

    /// <summary>所属期 yyyyMM.</summary>
    public int Period { get; set; }

    /// <summary>计划人数.</summary>
    public int Headcount { get; set; }

    /// <summary>单位应缴.</summary>
    public decimal EmployerAmount { get; set; }

    /// <summary>个人应缴.</summary>
    public decimal EmployeeAmount { get; set; }

    /// <summary>应缴合计.</summary>
    public decimal TotalAmount { get; set; }

    /// <summary>生成日期.</summary>
    public DateOnly GeneratedOn { get; set; }

    public List<CollectionPlanLine> Lines { get; set; } = [];
}

/// <summary>征收计划明细: one employee's amounts for the month, from the 核定 base.</summary>
public class CollectionPlanLine
{
    public long Id { get; set; }

    public long PlanId { get; set; }

    public long PersonId { get; set; }

    /// <summary>核定基数.</summary>
    public decimal Base { get; set; }

    public decimal EmployerAmount { get; set; }

    public decimal EmployeeAmount { get; set; }
}

/// <summary>税务入库记录: a payment the tax bureau collected from an employer for a 所属期, with the ledger entry it posted.</summary>
public class EmployerPayment
{
    public long Id { get; set; }

    public long EmployerId { get; set; }

    /// <summary>所属期 yyyyMM.</summary>
    public int Period { get; set; }

    /// <summary>入库金额.</summary>
    public decimal Amount { get; set; }

    /// <summary>入库日期.</summary>
    public DateOnly ReceivedOn { get; set; }

    /// <summary>票号 (税票号码, unique).</summary>
    public required string TicketNo { get; set; }

    /// <summary>导入文件.</summary>
    public string? SourceFile { get; set; }

    public long JournalEntryId { get; set; }

    public Funds.JournalEntry? JournalEntry { get; set; }
}

/// <summary>灵活就业人员缴费: a flexible worker pays for one month himself, on a base he chose within floor/ceiling.</summary>
public class FlexibleContribution
{
    public long Id { get; set; }

    public long PersonId { get; set; }

    public required string PoolAreaCode { get; set; }

    /// <summary>所属期 yyyyMM.</summary>
    public int Period { get; set; }

    /// <summary>缴费基数 (自选).</summary>
    public decimal Base { get; set; }

    /// <summary>灵活就业费率.</summary>
    public decimal Rate { get; set; }

    public decimal Amount { get; set; }

    public DateOnly PaidOn { get; set; }

    /// <summary>票据号 (unique).</summary>
    public required string ReceiptNo { get; set; }

    public long JournalEntryId { get; set; }

    public Funds.JournalEntry? JournalEntry { get; set; }
}

/// <summary>征缴对账 status of an employer-month.</summary>
public enum CollectionStatus
{
    /// <summary>已足额.</summary>
    Paid = 1,
    /// <summary>部分缴纳.</summary>
    Partial = 2,
    /// <summary>未缴.</summary>
    Unpaid = 3,
    /// <summary>多缴.</summary>
    Overpaid = 4,
}

/// <summary>A month's plan and its lines, computed from 核定 bases (pure; the job writes it in bulk).</summary>
public sealed record PlanLineInput(long PersonId, decimal ApprovedBase);

/// <summary>Plan arithmetic, reconciliation and arrears aging (pure, property-tested).</summary>
public static class CollectionMath
{
    /// <summary>The lines and totals of one employer-month: each amount rounded to 分 per line; totals are sums of the lines.</summary>
    public static CollectionPlan BuildPlan(EmployeeContributionPolicy policy, long employerId, string poolAreaCode, int period, IEnumerable<PlanLineInput> employees, DateOnly generatedOn)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(employees);
        var plan = new CollectionPlan { EmployerId = employerId, PoolAreaCode = poolAreaCode, Period = period, GeneratedOn = generatedOn };
        foreach (var e in employees)
        {
            if (e.ApprovedBase < 0)
            {
                throw new DomainException("核定基数：不能为负数") { Field = "clct_base", Code = "negative-base" };
            }

            var (er, ee) = policy.MonthlyAmounts(e.ApprovedBase);
            plan.Lines.Add(new CollectionPlanLine { PersonId = e.PersonId, Base = e.ApprovedBase, EmployerAmount = er, EmployeeAmount = ee });
            plan.EmployerAmount += er;
            plan.EmployeeAmount += ee;
        }

        plan.Headcount = plan.Lines.Count;
        plan.TotalAmount = plan.EmployerAmount + plan.EmployeeAmount;
        return plan;
    }

    /// <summary>征缴对账: 已足额 when received equals planned, 部分 when less but more than 0, 未缴 when nothing, 多缴 when more.</summary>
    public static CollectionStatus Classify(decimal planned, decimal received) =>
        received == planned ? CollectionStatus.Paid
        : received > planned ? CollectionStatus.Overpaid
        : received <= 0 ? CollectionStatus.Unpaid
        : CollectionStatus.Partial;

    public static string Name(CollectionStatus s) => s switch
    {
        CollectionStatus.Paid => "已足额",
        CollectionStatus.Partial => "部分",
        CollectionStatus.Unpaid => "未缴",
        CollectionStatus.Overpaid => "多缴",
        _ => "未知",
    };

    /// <summary>账龄 bucket of a month owed as of <paramref name="asOfPeriod"/>: ≤3 个月, 3–6, 6–12, &gt;12 (months after the 所属期).</summary>
    public static ArrearsBucket BucketOf(int period, int asOfPeriod)
    {
        var age = ContributionPeriod.MonthsBetween(period, asOfPeriod);
        return age <= 3 ? ArrearsBucket.UpTo3 : age <= 6 ? ArrearsBucket.From3To6 : age <= 12 ? ArrearsBucket.From6To12 : ArrearsBucket.Over12;
    }

    /// <summary>Partitions the outstanding amounts (planned − received &gt; 0) of the months into the aging buckets.</summary>
    public static ArrearsAging Age(IEnumerable<(int Period, decimal Outstanding)> months, int asOfPeriod)
    {
        ArgumentNullException.ThrowIfNull(months);
        decimal b1 = 0, b2 = 0, b3 = 0, b4 = 0;
        var count = 0;
        foreach (var (period, owed) in months)
        {
            if (owed <= 0)
            {
                continue;
            }

            count++;
            switch (BucketOf(period, asOfPeriod))
            {
                case ArrearsBucket.UpTo3: b1 += owed; break;
                case ArrearsBucket.From3To6: b2 += owed; break;
                case ArrearsBucket.From6To12: b3 += owed; break;
                case ArrearsBucket.Over12: b4 += owed; break;
                default: throw new InvalidOperationException("账龄区间");
            }
        }

        return new ArrearsAging(b1, b2, b3, b4, count);
    }

    public static string Name(ArrearsBucket b) => b switch
    {
        ArrearsBucket.UpTo3 => "3个月以内",
        ArrearsBucket.From3To6 => "3–6个月",
        ArrearsBucket.From6To12 => "6–12个月",
        ArrearsBucket.Over12 => "12个月以上",
        _ => "未知",
    };
}

/// <summary>欠费账龄区间.</summary>
public enum ArrearsBucket
{
    UpTo3 = 1,
    From3To6 = 2,
    From6To12 = 3,
    Over12 = 4,
}

/// <summary>欠费账龄: the outstanding amount in each bucket and the number of months owed.</summary>
public sealed record ArrearsAging(decimal UpTo3, decimal From3To6, decimal From6To12, decimal Over12, int Months)
{
    public decimal Total => UpTo3 + From3To6 + From6To12 + Over12;
}
