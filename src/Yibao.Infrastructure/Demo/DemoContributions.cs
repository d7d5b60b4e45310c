using System.Globalization;
using Yibao.Application.Accounts;
using Yibao.Application.Common;
using Yibao.Domain.Contributions;
using Yibao.Domain.Funds;
using Yibao.Domain.Registry;
using Yibao.Infrastructure.Persistence.Bulk;

namespace Yibao.Infrastructure.Demo;

/// <summary>Counts of the employee contributions a demo seed wrote.</summary>
public sealed record DemoContributionResult(int Year, int FirstPeriod, int LastPeriod, int Bases, int AdjustedBases, int Plans, int PlanLines, decimal Planned,
    int Payments, decimal Received, int FlexiblePayments, decimal FlexibleReceived, int EmployersInArrears, int JournalEntries, int JournalLines);

/// <summary>
/// 示范县's employee contributions (征缴) for <see cref="Year"/>, deterministic per seed: the year's 职工医保缴费标准
/// (policy data), a 核定 缴费基数 per in-service employee (some declared below the floor and raised to it), one 征收计划
/// per employer and month up to the month before today (lines for employees in service that month, built with
/// <see cref="CollectionMath.BuildPlan"/> like the plan job), the tax bureau's 入库记录 (most employers pay in full the
/// next month, some late, some partly, a few stop paying so the 欠费 list and 账龄 have content), and the 灵活就业人员's
/// own monthly payments. Every received amount carries the balanced entry <see cref="ContributionPostings"/> builds for
/// the live use cases. Written through the bulk path after the resident contributions.
/// </summary>
public static class DemoContributions
{
    public const int Year = DemoCoverage.ContributionYear;

    /// <summary>职工医保缴费标准: 社平工资 6,800 元/月, 基数 60%–300%, 单位 7.5%, 个人 2%, 灵活就业 8%.</summary>
    public static EmployeeContributionPolicy Policy() =>
        new(DemoCountyGenerator.CountyCode, Year, 6800m, 0.60m, 3.00m, 0.075m, 0.02m, 0.08m);

    private enum Payer
    {
        OnTime,
        Late,
        Partial,
        Stopped,
    }

    /// <summary>
    /// 个人账户划入 for every month <see cref="WriteAsync"/> wrote (<paramref name="written"/>), through the monthly job
    /// (<see cref="CreditPersonalAccountsHandler"/>, the same as <c>yibao accounts credit</c>), oldest month first; these credits are
    /// the balances the demo's year of care pays 个人账户支付 from. <paramref name="onMonth"/> is told each month's result.
    /// </summary>
    public static async Task<AppResult<int>> CreditAccountsAsync(CreditPersonalAccountsHandler handler, DemoContributionResult written,
        Func<int, AccountCreditSummary, Task>? onMonth, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(written);
        var months = 0;
        for (var period = written.FirstPeriod; period <= written.LastPeriod; period++)
        {
            var credited = await handler.HandleAsync(new CreditPersonalAccounts(ContributionPeriod.Year(period), ContributionPeriod.Month(period)), ct);
            if (!credited.Succeeded)
            {
                return AppResult<int>.Fail(credited.Errors);
            }

            months++;
            if (onMonth is not null)
            {
                await onMonth(period, credited.Value!);
            }
        }

        return AppResult<int>.Ok(months);
    }

    public static async Task<DemoContributionResult> WriteAsync(IBulkLoader bulk, DemoCounty county, DemoCoverage coverage, long lastEntryId, long lastLineId,
        DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bulk);
        ArgumentNullException.ThrowIfNull(county);
        ArgumentNullException.ThrowIfNull(coverage);
        var seed = unchecked((ulong)county.Options.Seed) ^ 0x2E15_0000UL;
        var policy = Policy();
        var firstPeriod = ContributionPeriod.Of(Year, 1);
        var lastPeriod = Math.Min(ContributionPeriod.Of(Year, 12), ContributionPeriod.Of(today.AddMonths(-1)));
        var yearStart = new DateOnly(Year, 1, 1);
        var yearEnd = new DateOnly(Year, 12, 31);
        var employers = county.Employers.ToDictionary(e => e.Id);

        // 缴费基数申报 / 核定: in-service employees at an employer some time in the year.
        var bases = new List<ContributionBase>();
        var approved = new Dictionary<long, decimal>();
        var byEmployer = new Dictionary<long, List<DemoCoverage.EmployeeEnrollee>>();
        var flexible = new List<DemoCoverage.EmployeeEnrollee>();
        foreach (var e in coverage.Employees())
        {
            if (e.Category == PersonCategory.FlexibleEmployed)
            {
                flexible.Add(e);
                continue;
            }

            if (e.EmployerId is not { } employerId || e.Begin > yearEnd || e.CategoryOn(e.Begin > yearStart ? e.Begin : yearStart) != PersonCategory.InService)
            {
                continue;
            }

            var rng = DemoRandom.Derive(seed, (ulong)e.PersonId);
            var (low, high) = employers[employerId].Type switch
            {
                EmployerType.GovernmentOrgan or EmployerType.PublicInstitution => (0.95, 2.0),
                EmployerType.IndividualBusiness => (0.50, 0.90),
                _ => (0.52, 1.6),
            };
            var declared = decimal.Round(policy.AverageMonthlyWage * (decimal)(low + (rng.NextDouble() * (high - low))), 0, MidpointRounding.AwayFromZero);
            var declaredOn = new DateOnly(Year, 1, rng.Between(5, 25));
            bases.Add(new ContributionBase
            {
                Id = bases.Count + 1, EmployerId = employerId, PersonId = e.PersonId, PoolAreaCode = DemoCountyGenerator.CountyCode, Year = Year,
                DeclaredBase = declared, ApprovedBase = policy.ClampBase(declared), DeclaredOn = declaredOn > today ? today : declaredOn,
            });
            approved[e.PersonId] = policy.ClampBase(declared);
            if (!byEmployer.TryGetValue(employerId, out var staff))
            {
                byEmployer[employerId] = staff = [];
            }

            staff.Add(e);
        }

        // 征收计划 per employer-month and the tax bureau's payments against them.
        var plans = new List<CollectionPlan>();
        var payments = new List<EmployerPayment>();
        var entries = new List<JournalEntry>();
        var entryId = lastEntryId;
        var lineId = lastLineId;
        void Number(JournalEntry entry)
        {
            entry.Id = ++entryId;
            foreach (var l in entry.Lines)
            {
                l.Id = ++lineId;
                l.JournalEntryId = entry.Id;
            }

            entries.Add(entry);
        }

        var arrears = 0;
        long planLineId = 0;
        foreach (var (employerId, staff) in byEmployer.OrderBy(x => x.Key))
        {
            var employer = employers[employerId];
            if (employer.Status == EmployerStatus.Closed)
            {
                continue;
            }

            var rng = DemoRandom.Derive(seed ^ 0xE3_0000_0000UL, (ulong)employerId);
            var roll = rng.NextDouble();
            var payer = employer.Status == EmployerStatus.Suspended || roll >= 0.96 ? Payer.Stopped : roll >= 0.91 ? Payer.Partial : roll >= 0.80 ? Payer.Late : Payer.OnTime;
            var stopAfter = payer == Payer.Stopped ? firstPeriod + rng.Next(Math.Max(1, lastPeriod - firstPeriod)) - 1 : int.MaxValue; // may be before the first month
            var owes = false;
            for (var period = firstPeriod; period <= lastPeriod; period++)
            {
                var first = ContributionPeriod.FirstDay(period);
                var last = ContributionPeriod.LastDay(period);
                var inputs = new List<PlanLineInput>();
                foreach (var e in staff)
                {
                    var probe = e.Begin > first ? e.Begin : first;
                    if (e.Begin <= last && e.CategoryOn(probe) == PersonCategory.InService)
                    {
                        inputs.Add(new PlanLineInput(e.PersonId, approved[e.PersonId]));
                    }
                }

                if (inputs.Count == 0)
                {
                    continue;
                }

                var plan = CollectionMath.BuildPlan(policy, employerId, employer.PoolAreaCode, period, inputs, first.AddDays(4));
                plan.Id = plans.Count + 1;
                foreach (var line in plan.Lines)
                {
                    line.Id = ++planLineId;
                    line.PlanId = plan.Id;
                }

                plans.Add(plan);

                var amount = plan.TotalAmount;
                var receivedOn = first.AddMonths(1).AddDays(rng.Between(4, 19));
                switch (payer)
                {
                    case Payer.OnTime:
                        break;
                    case Payer.Late:
                        receivedOn = rng.Chance(0.4) ? receivedOn.AddMonths(rng.Between(1, 3)) : receivedOn;
                        break;
                    case Payer.Partial:
                        amount = rng.Chance(0.3) ? amount : decimal.Round(amount * (decimal)(0.6 + (rng.NextDouble() * 0.35)), 2, MidpointRounding.AwayFromZero);
                        break;
                    case Payer.Stopped:
                        amount = period <= stopAfter ? amount : 0m;
                        break;
                    default:
                        throw new InvalidOperationException("缴费类型");
                }

                if (amount <= 0 || receivedOn > today)
                {
                    owes |= amount < plan.TotalAmount || receivedOn > today;
                    continue;
                }

                owes |= amount < plan.TotalAmount;
                var ticket = string.Create(CultureInfo.InvariantCulture, $"351{period}{employerId:D8}");
                var entry = ContributionPostings.EmployerPayment(employerId, period, amount, receivedOn, ticket);
                Number(entry);
                payments.Add(new EmployerPayment
                {
                    Id = payments.Count + 1, EmployerId = employerId, Period = period, Amount = amount, ReceivedOn = receivedOn, TicketNo = ticket,
                    SourceFile = "示范县税务入库记录（演示数据）", JournalEntryId = entry.Id,
                });
            }

            arrears += owes ? 1 : 0;
        }

        // 灵活就业人员 pay month by month on a base they chose (mostly the floor), a few months skipped.
        var flexiblePayments = new List<FlexibleContribution>();
        foreach (var f in flexible)
        {
            var rng = DemoRandom.Derive(seed ^ 0xF1_0000_0000UL, (ulong)f.PersonId);
            var chosen = rng.Chance(0.7) ? policy.Floor : policy.AverageMonthlyWage;
            var amount = policy.FlexibleMonthly(chosen);
            for (var period = firstPeriod; period <= lastPeriod; period++)
            {
                var first = ContributionPeriod.FirstDay(period);
                if (f.Begin > ContributionPeriod.LastDay(period) || !rng.Chance(0.92))
                {
                    continue;
                }

                var paidOn = first.AddDays(rng.Between(0, 27));
                if (paidOn > today)
                {
                    continue;
                }

                var receipt = string.Create(CultureInfo.InvariantCulture, $"LH{period}{f.PersonId:D10}");
                var entry = ContributionPostings.FlexibleContribution(f.PersonId, f.PersonNo, period, amount, paidOn, receipt);
                Number(entry);
                flexiblePayments.Add(new FlexibleContribution
                {
                    Id = flexiblePayments.Count + 1, PersonId = f.PersonId, PoolAreaCode = DemoCountyGenerator.CountyCode, Period = period, Base = chosen,
                    Rate = policy.FlexibleRate, Amount = amount, PaidOn = paidOn, ReceiptNo = receipt, JournalEntryId = entry.Id,
                });
            }
        }

        await bulk.WriteJournalEntriesAsync(entries, ct);
        var lines = await bulk.WriteJournalLinesAsync(entries.SelectMany(e => e.Lines), ct);
        await bulk.WriteContributionBasesAsync(bases, ct);
        await bulk.WriteCollectionPlansAsync(plans, ct);
        var planLines = await bulk.WriteCollectionPlanLinesAsync(plans.SelectMany(p => p.Lines), ct);
        await bulk.WriteEmployerPaymentsAsync(payments, ct);
        await bulk.WriteFlexibleContributionsAsync(flexiblePayments, ct);
        return new DemoContributionResult(Year, firstPeriod, lastPeriod, bases.Count, bases.Count(b => b.IsAdjusted), plans.Count, planLines, plans.Sum(p => p.TotalAmount),
            payments.Count, payments.Sum(p => p.Amount), flexiblePayments.Count, flexiblePayments.Sum(f => f.Amount), arrears, entries.Count, lines);
    }
}
