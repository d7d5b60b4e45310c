using Yibao.Domain.Common;

namespace Yibao.Domain.Registry;

/// <summary>
/// 参保记录: one person in one 险种 from a begin date, with its lifecycle as events
/// (参保登记、变更、暂停、恢复、终止、转入、转出). The current <see cref="Status"/>, <see cref="Category"/> and
/// <see cref="EndDate"/> are kept in step with the events; history on a date is derived from the events.
/// Rules that involve the person's other enrollments live in <see cref="PersonCoverage"/>.
/// </summary>
public class Enrollment
{
    public long Id { get; set; }

    public long PersonId { get; set; }

    /// <summary>The person, when registered together with the enrollment (otherwise not loaded).</summary>
    public Person? Person { get; set; }

    /// <summary>险种 insutype.</summary>
    public InsuranceType InsuranceType { get; set; }

    /// <summary>当前人员类别 psn_type.</summary>
    public PersonCategory Category { get; set; }

    /// <summary>参保单位 (职工); null for residents and 灵活就业.</summary>
    public long? EmployerId { get; set; }

    /// <summary>参保日期 begndate / psn_insu_date.</summary>
    public DateOnly BeginDate { get; set; }

    /// <summary>终止日期 enddate: the last covered day; null while not terminated.</summary>
    public DateOnly? EndDate { get; set; }

    /// <summary>参保状态 psn_insu_stas.</summary>
    public EnrollmentStatus Status { get; set; } = EnrollmentStatus.Active;

    public TerminationReason? TerminationReason { get; set; }

    /// <summary>首次缴费日期: when the first contribution for this enrollment was received (drives the 待遇享受 waiting period).</summary>
    public DateOnly? FirstContributionDate { get; set; }

    /// <summary>转入时带入的缴费月数 (关系转移接续).</summary>
    public int CarriedContributionMonths { get; set; }

    /// <summary>转出地/转入地统筹区.</summary>
    public string? TransferAreaCode { get; set; }

    /// <summary>统筹区 (distribution key together with the person).</summary>
    public required string PoolAreaCode { get; set; }

    public List<EnrollmentEvent> Events { get; set; } = [];

    public bool IsTerminated => Status == EnrollmentStatus.Terminated;

    /// <summary>Last day covered (inclusive) or <see cref="DateOnly.MaxValue"/>.</summary>
    public DateOnly LastDay => EndDate ?? DateOnly.MaxValue;

    public bool Overlaps(DateOnly begin, DateOnly? end) => BeginDate <= (end ?? DateOnly.MaxValue) && begin <= LastDay;

    /// <summary>Creates a new enrollment (参保登记 or 转入登记). Use <see cref="PersonCoverage.Enroll"/> to check the person's other enrollments.</summary>
    public static Enrollment Register(long personId, InsuranceType type, PersonCategory category, DateOnly begin, string poolAreaCode,
        long? employerId = null, DateOnly? firstContributionDate = null, int carriedMonths = 0, string? transferFromArea = null, string? note = null)
    {
        if (!Enum.IsDefined(type))
        {
            throw new DomainException($"险种：“{(int)type}”不是有效的险种代码（310/320/330/340/390/392/510）") { Field = "insutype", Code = "invalid-insutype" };
        }

        if (!Enum.IsDefined(category))
        {
            throw new DomainException($"人员类别：“{(int)category}”不是有效的人员类别") { Field = "psn_type", Code = "invalid-psn-type" };
        }

        CheckCategoryFits(type, category);
        if (carriedMonths < 0)
        {
            throw new DomainException("带入缴费月数：不能为负数") { Field = "carried_months", Code = "negative-months" };
        }

        if (carriedMonths > 0 && string.IsNullOrWhiteSpace(transferFromArea))
        {
            throw new DomainException("转出地统筹区：带入缴费月数时必须填写转出地") { Field = "transfer_admdvs", Code = "transfer-area-required" };
        }

        if (type is InsuranceType.EmployeeBasic && category is PersonCategory.InService && employerId is null)
        {
            throw new DomainException("参保单位：在职职工参加职工基本医疗保险必须有参保单位") { Field = "emp_no", Code = "employer-required" };
        }

        var e = new Enrollment
        {
            PersonId = personId,
            InsuranceType = type,
            Category = category,
            EmployerId = employerId,
            BeginDate = begin,
            FirstContributionDate = firstContributionDate,
            CarriedContributionMonths = carriedMonths,
            TransferAreaCode = transferFromArea,
            PoolAreaCode = poolAreaCode,
        };
        e.AddEvent(new EnrollmentEvent
        {
            Kind = transferFromArea is null ? EnrollmentEventKind.Registered : EnrollmentEventKind.TransferredIn,
            EffectiveDate = begin,
            Category = category,
            Note = note,
        });
        return e;
    }

    /// <summary>变更人员类别 from <paramref name="effective"/> (e.g. 在职 → 退休).</summary>
    public void ChangeCategory(PersonCategory category, DateOnly effective, string? reason = null, long? employerId = null)
    {
        EnsureNotTerminated("变更");
        if (!Enum.IsDefined(category))
        {
            throw new DomainException($"人员类别：“{(int)category}”不是有效的人员类别") { Field = "psn_type", Code = "invalid-psn-type" };
        }

        CheckCategoryFits(InsuranceType, category);
        EnsureNotBeforeLastEvent(effective, "变更日期");
        if (category == Category && employerId == EmployerId)
        {
            throw new DomainException($"人员类别：已是“{RegistryNames.Of(category)}”，无需变更") { Field = "psn_type", Code = "no-change" };
        }

        Category = category;
        if (employerId is not null || category is not PersonCategory.InService)
        {
            EmployerId = category is PersonCategory.FlexibleEmployed ? null : employerId ?? EmployerId;
        }

        AddEvent(new EnrollmentEvent { Kind = EnrollmentEventKind.CategoryChanged, EffectiveDate = effective, Category = category, Note = reason });
    }

    /// <summary>暂停参保 from <paramref name="effective"/> (the first day without coverage).</summary>
    public void Suspend(DateOnly effective, string reason)
    {
        EnsureNotTerminated("暂停");
        if (Status == EnrollmentStatus.Suspended)
        {
            throw new DomainException("参保状态：该参保记录已暂停，不能重复暂停") { Field = "psn_insu_stas", Code = "already-suspended" };
        }

        RequireReason(reason);
        EnsureNotBeforeLastEvent(effective, "暂停日期");
        if (effective == BeginDate)
        {
            throw new DomainException("暂停日期：不能等于参保日期（如登记有误请做重复参保清理）") { Field = "paus_insu_date", Code = "suspend-on-begin" };
        }

        Status = EnrollmentStatus.Suspended;
        AddEvent(new EnrollmentEvent { Kind = EnrollmentEventKind.Suspended, EffectiveDate = effective, Category = Category, Note = reason });
    }

    /// <summary>恢复参保 from <paramref name="effective"/> (the first covered day again).</summary>
    public void Resume(DateOnly effective, string? reason = null)
    {
        EnsureNotTerminated("恢复");
        if (Status != EnrollmentStatus.Suspended)
        {
            throw new DomainException("参保状态：只有暂停参保的记录才能恢复") { Field = "psn_insu_stas", Code = "not-suspended" };
        }

        var suspended = Events.Last(x => x.Kind == EnrollmentEventKind.Suspended).EffectiveDate;
        if (effective <= suspended)
        {
            throw new DomainException($"恢复日期：须晚于暂停日期 {suspended:yyyy-MM-dd}") { Field = "begndate", Code = "resume-before-suspend" };
        }

        Status = EnrollmentStatus.Active;
        AddEvent(new EnrollmentEvent { Kind = EnrollmentEventKind.Resumed, EffectiveDate = effective, Category = Category, Note = reason });
    }

    /// <summary>终止参保: <paramref name="lastDay"/> is the last covered day (for 死亡, the date of death).</summary>
    public void Terminate(DateOnly lastDay, TerminationReason reason, string? note = null)
    {
        EnsureNotTerminated("终止");
        if (!Enum.IsDefined(reason))
        {
            throw new DomainException("终止原因：须为 死亡、转出 或 重复参保清理") { Field = "reason", Code = "invalid-reason" };
        }

        // A duplicate registration may be cleaned up from its first day (the record covered nothing).
        var minimum = reason == Registry.TerminationReason.DuplicateCleanup ? BeginDate.AddDays(-1) : BeginDate;
        if (lastDay < minimum)
        {
            throw new DomainException($"终止日期：不能早于参保日期 {BeginDate:yyyy-MM-dd}") { Field = "enddate", Code = "end-before-begin" };
        }

        var lastEvent = Events.Max(x => x.EffectiveDate);
        if (lastDay < lastEvent.AddDays(-1))
        {
            throw new DomainException($"终止日期：不能早于最近一次变动日期 {lastEvent:yyyy-MM-dd}") { Field = "enddate", Code = "date-before-last-event" };
        }

        Status = EnrollmentStatus.Terminated;
        TerminationReason = reason;
        EndDate = lastDay;
        AddEvent(new EnrollmentEvent
        {
            Kind = reason == Registry.TerminationReason.TransferOut ? EnrollmentEventKind.TransferredOut : EnrollmentEventKind.Terminated,
            EffectiveDate = lastDay.AddDays(1),
            Category = Category,
            Note = note ?? RegistryNames.Of(reason),
        });
    }

    /// <summary>转出 (关系转移接续): terminates with reason 转出 and returns the contribution months to carry to the new area.</summary>
    public int TransferOut(DateOnly lastDay, string toAreaCode, string? note = null)
    {
        if (string.IsNullOrWhiteSpace(toAreaCode) || toAreaCode.Length != 6 || !toAreaCode.All(char.IsAsciiDigit))
        {
            throw new DomainException("转入地统筹区：须为 6 位行政区划代码") { Field = "transfer_admdvs", Code = "invalid-area" };
        }

        if (toAreaCode == PoolAreaCode)
        {
            throw new DomainException("转入地统筹区：不能与本统筹区相同") { Field = "transfer_admdvs", Code = "same-area" };
        }

        Terminate(lastDay, Registry.TerminationReason.TransferOut, note);
        TransferAreaCode = toAreaCode;
        return ContributionMonths(lastDay);
    }

    /// <summary>Category in force on a date (from the events), or null before the begin date.</summary>
    public PersonCategory? CategoryOn(DateOnly date)
    {
        PersonCategory? result = null;
        foreach (var ev in Events.OrderBy(x => x.EffectiveDate).ThenBy(x => x.Sequence))
        {
            if (ev.EffectiveDate > date)
            {
                break;
            }

            if (ev.Category is { } c)
            {
                result = c;
            }
        }

        return date < BeginDate ? null : result;
    }

    /// <summary>参保状态 on a date; null when the date is outside the enrollment (not yet begun).</summary>
    public EnrollmentStatus? StatusOn(DateOnly date)
    {
        if (date < BeginDate)
        {
            return null;
        }

        if (EndDate is { } end && date > end)
        {
            return EnrollmentStatus.Terminated;
        }

        foreach (var (from, to) in Interruptions())
        {
            if (from <= date && date <= to)
            {
                return EnrollmentStatus.Suspended;
            }
        }

        return EnrollmentStatus.Active;
    }

    /// <summary>Suspension intervals (first day without coverage, last day without coverage).</summary>
    public IEnumerable<(DateOnly From, DateOnly To)> Interruptions()
    {
        DateOnly? open = null;
        foreach (var ev in Events.OrderBy(x => x.EffectiveDate).ThenBy(x => x.Sequence))
        {
            if (ev.Kind == EnrollmentEventKind.Suspended)
            {
                open = ev.EffectiveDate;
            }
            else if (ev.Kind == EnrollmentEventKind.Resumed && open is { } s)
            {
                yield return (s, ev.EffectiveDate.AddDays(-1));
                open = null;
            }
        }

        if (open is { } still)
        {
            yield return (still, LastDay);
        }
    }

    /// <summary>
    /// 缴费月数 up to a date: carried months plus the calendar months (counted from the begin month) with coverage
    /// on their first covered day that are not inside an interruption. A simplification until contributions are posted per month.
    /// </summary>
    public int ContributionMonths(DateOnly asOf)
    {
        var last = asOf < LastDay ? asOf : LastDay;
        if (last < BeginDate)
        {
            return CarriedContributionMonths;
        }

        var months = 0;
        var interruptions = Interruptions().ToList();
        for (var m = new DateOnly(BeginDate.Year, BeginDate.Month, 1); m <= last; m = m.AddMonths(1))
        {
            var probe = m < BeginDate ? BeginDate : m;
            if (!interruptions.Any(i => i.From <= probe && probe <= i.To))
            {
                months++;
            }
        }

        return CarriedContributionMonths + months;
    }

    private void AddEvent(EnrollmentEvent ev)
    {
        ev.Sequence = Events.Count + 1;
        Events.Add(ev);
    }

    private void EnsureNotTerminated(string action)
    {
        if (IsTerminated)
        {
            throw new DomainException($"参保状态：该参保记录已终止（{RegistryNames.Of(TerminationReason!.Value)}），不能{action}")
            { Field = "psn_insu_stas", Code = "enrollment-terminated" };
        }
    }

    private void EnsureNotBeforeLastEvent(DateOnly effective, string field)
    {
        var last = Events.Max(x => x.EffectiveDate);
        if (effective < last)
        {
            throw new DomainException($"{field}：不能早于最近一次变动日期 {last:yyyy-MM-dd}") { Field = "begndate", Code = "date-before-last-event" };
        }
    }

    private static void RequireReason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("原因：不能为空") { Field = "reason", Code = "reason-required" };
        }
    }

    private static void CheckCategoryFits(InsuranceType type, PersonCategory category)
    {
        var employee = RegistryNames.IsEmployeeCategory(category);
        var fits = type switch
        {
            InsuranceType.ResidentBasic or InsuranceType.ResidentCritical => !employee,
            InsuranceType.EmployeeBasic or InsuranceType.CivilServantSubsidy or InsuranceType.EmployeeLargeExpense => employee && category != PersonCategory.RetiredCadre,
            InsuranceType.RetiredCadreCare => category == PersonCategory.RetiredCadre,
            InsuranceType.Maternity => category is PersonCategory.InService or PersonCategory.FlexibleEmployed,
            _ => false,
        };
        if (!fits)
        {
            throw new DomainException($"人员类别：“{RegistryNames.Of(category)}”不能参加{RegistryNames.Of(type)}（{(int)type}）")
            { Field = "psn_type", Code = "category-not-allowed" };
        }
    }
}

/// <summary>参保变动: one lifecycle step of an enrollment, append-only.</summary>
public class EnrollmentEvent
{
    public long Id { get; set; }

    public long EnrollmentId { get; set; }

    public EnrollmentEventKind Kind { get; set; }

    /// <summary>生效日期: the first day the change applies.</summary>
    public DateOnly EffectiveDate { get; set; }

    /// <summary>人员类别 from this event on.</summary>
    public PersonCategory? Category { get; set; }

    /// <summary>原因/备注.</summary>
    public string? Note { get; set; }

    /// <summary>Order of events with the same date (set from the list position when stored).</summary>
    public int Sequence { get; set; }
}
