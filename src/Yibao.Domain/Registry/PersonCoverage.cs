using Yibao.Domain.Common;

namespace Yibao.Domain.Registry;

/// <summary>
/// A person's enrollments and special statuses together: the rules across enrollments (no overlap in one 险种,
/// not 职工 and 居民 basic insurance at once, 392/330/320 only on top of their basic insurance, nothing after death)
/// and the eligibility on a date.
/// </summary>
public sealed class PersonCoverage
{
    private readonly List<Enrollment> _enrollments;
    private readonly List<PersonSpecialStatus> _statuses;

    public PersonCoverage(long personId, DateOnly birthDate, IEnumerable<Enrollment> enrollments, IEnumerable<PersonSpecialStatus> statuses)
    {
        PersonId = personId;
        BirthDate = birthDate;
        _enrollments = enrollments.ToList();
        _statuses = statuses.ToList();
    }

    public long PersonId { get; }

    public DateOnly BirthDate { get; }

    public IReadOnlyList<Enrollment> Enrollments => _enrollments;

    public IReadOnlyList<PersonSpecialStatus> SpecialStatuses => _statuses;

    /// <summary>Date of death when an enrollment was terminated for 死亡.</summary>
    public DateOnly? DeathDate => _enrollments.Where(e => e.TerminationReason == TerminationReason.Death).Select(e => e.EndDate).Min();

    /// <summary>参保登记 / 转入登记 after checking the person's other enrollments.</summary>
    public Enrollment Enroll(InsuranceType type, PersonCategory category, DateOnly begin, string poolAreaCode,
        long? employerId = null, DateOnly? firstContributionDate = null, int carriedMonths = 0, string? transferFromArea = null, string? note = null)
    {
        if (begin < BirthDate)
        {
            throw new DomainException($"参保日期：不能早于出生日期 {BirthDate:yyyy-MM-dd}") { Field = "begndate", Code = "begin-before-birth" };
        }

        if (DeathDate is { } death && begin > death)
        {
            throw new DomainException($"参保日期：该人员已于 {death:yyyy-MM-dd} 死亡，不能再参保") { Field = "begndate", Code = "person-deceased" };
        }

        var candidate = Enrollment.Register(PersonId, type, category, begin, poolAreaCode, employerId, firstContributionDate, carriedMonths, transferFromArea, note);
        CheckConflicts(candidate, begin);
        CheckPrerequisite(candidate.InsuranceType, begin);
        _enrollments.Add(candidate);
        return candidate;
    }

    /// <summary>恢复参保, refused when it would overlap basic insurance of the other kind.</summary>
    public void Resume(Enrollment enrollment, DateOnly effective, string? reason = null)
    {
        Own(enrollment);
        enrollment.Resume(effective, reason);
        try
        {
            CheckConflicts(enrollment, effective);
        }
        catch (DomainException)
        {
            // Undo the in-memory change so the caller's object is left as it was.
            enrollment.Events.RemoveAt(enrollment.Events.Count - 1);
            enrollment.Status = EnrollmentStatus.Suspended;
            throw;
        }
    }

    /// <summary>认定特殊身份; the same type may not overlap itself.</summary>
    public PersonSpecialStatus AddSpecialStatus(SpecialStatusType type, DateOnly begin, DateOnly? end, string source, string? reference = null)
    {
        if (!Enum.IsDefined(type))
        {
            throw new DomainException($"特殊身份：“{(int)type}”不是有效的身份类型") { Field = "psn_idet_type", Code = "invalid-idet-type" };
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            throw new DomainException("认定来源：不能为空（如 民政局、乡村振兴局）") { Field = "source", Code = "source-required" };
        }

        if (end is { } e && e < begin)
        {
            throw new DomainException($"结束日期：不能早于开始日期 {begin:yyyy-MM-dd}") { Field = "endtime", Code = "end-before-begin" };
        }

        var clash = _statuses.FirstOrDefault(s => s.Type == type && s.BeginDate <= (end ?? DateOnly.MaxValue) && begin <= (s.EndDate ?? DateOnly.MaxValue));
        if (clash is not null)
        {
            throw new DomainException($"特殊身份：{RegistryNames.Of(type)}与已有记录（{clash.BeginDate:yyyy-MM-dd} 起）时间重叠")
            { Field = "psn_idet_type", Code = "status-overlap" };
        }

        var status = new PersonSpecialStatus { PersonId = PersonId, Type = type, BeginDate = begin, EndDate = end, Source = source.Trim(), SourceReference = reference };
        _statuses.Add(status);
        return status;
    }

    /// <summary>参保资格 on a date (national 1101 semantics).</summary>
    public Eligibility On(DateOnly date, WaitingPolicy policy)
    {
        var activeStatuses = _statuses.Where(s => s.IsActiveOn(date)).OrderBy(s => s.Type).ToList();
        var coverages = new List<CoverageOnDate>();
        foreach (var e in _enrollments.OrderBy(x => x.InsuranceType).ThenBy(x => x.BeginDate))
        {
            var status = e.StatusOn(date);
            if (status is null or EnrollmentStatus.Terminated)
            {
                continue;
            }

            var windows = BenefitWindows(e, policy);
            var current = windows.FirstOrDefault(w => w.From <= date && date <= w.To);
            var window = current != default ? current : windows.FirstOrDefault(w => w.From > date);
            coverages.Add(new CoverageOnDate(
                e.Id, e.InsuranceType, e.CategoryOn(date)!.Value, status.Value, e.BeginDate, e.EndDate, e.EmployerId,
                window == default ? null : window.From,
                window == default || window.To == DateOnly.MaxValue ? null : window.To,
                current != default,
                e.ContributionMonths(date)));
        }

        return new Eligibility(PersonId, date, coverages, activeStatuses);
    }

    /// <summary>待遇享受期: the periods in which the enrollment gives benefits, after waiting periods.</summary>
    public IReadOnlyList<(DateOnly From, DateOnly To)> BenefitWindows(Enrollment e, WaitingPolicy policy)
    {
        var result = new List<(DateOnly, DateOnly)>();
        var segments = CoveredSegments(e);
        for (var i = 0; i < segments.Count; i++)
        {
            var (from, to) = segments[i];
            var start = from;
            if (i == 0)
            {
                var rule = policy.Find(e.PoolAreaCode, e.InsuranceType, from);
                if (rule is not null && !IsExempt(rule, e, from))
                {
                    if (rule.RequiresContribution && e.FirstContributionDate is null)
                    {
                        return [];
                    }

                    if (e.FirstContributionDate is { } paid && paid > from)
                    {
                        var waited = paid.AddMonths(rule.WaitingMonthsAfterLateFirstContribution);
                        start = waited > from ? waited : from;
                    }
                }
            }
            else
            {
                var interruptedFrom = segments[i - 1].To.AddDays(1);
                var rule = policy.Find(e.PoolAreaCode, e.InsuranceType, from);
                if (rule is not null && !IsExempt(rule, e, from) && from > interruptedFrom.AddMonths(rule.InterruptionGraceMonths))
                {
                    start = from.AddMonths(rule.WaitingMonthsAfterInterruption);
                }
            }

            if (start <= to)
            {
                result.Add((start, to));
            }
        }

        return result;
    }

    /// <summary>Covered (not interrupted) segments of an enrollment, in order; the last may end at <see cref="DateOnly.MaxValue"/>.</summary>
    public static List<(DateOnly From, DateOnly To)> CoveredSegments(Enrollment e)
    {
        var segments = new List<(DateOnly, DateOnly)>();
        if (e.EndDate is { } end && end < e.BeginDate)
        {
            return segments;
        }

        var cursor = e.BeginDate;
        foreach (var (from, to) in e.Interruptions().OrderBy(x => x.From))
        {
            if (from > cursor)
            {
                segments.Add((cursor, from.AddDays(-1)));
            }

            if (to == DateOnly.MaxValue)
            {
                return segments;
            }

            cursor = to.AddDays(1);
        }

        if (cursor <= e.LastDay)
        {
            segments.Add((cursor, e.LastDay));
        }

        return segments;
    }

    private bool IsExempt(WaitingPeriodRule rule, Enrollment e, DateOnly date) =>
        (e.CategoryOn(date) is { } c && rule.ExemptCategories.Contains(c))
        || _statuses.Any(s => s.IsActiveOn(date) && rule.ExemptStatuses.Contains(s.Type));

    private void CheckConflicts(Enrollment candidate, DateOnly from)
    {
        foreach (var other in _enrollments)
        {
            if (ReferenceEquals(other, candidate) || (other.Id != 0 && other.Id == candidate.Id))
            {
                continue;
            }

            if (other.InsuranceType == candidate.InsuranceType && other.Overlaps(candidate.BeginDate, candidate.EndDate))
            {
                var hint = other.Status == EnrollmentStatus.Suspended ? "，请办理恢复参保" : string.Empty;
                throw new DomainException(
                    $"参保日期：与已有{RegistryNames.Of(other.InsuranceType)}（{(int)other.InsuranceType}）参保记录（{other.BeginDate:yyyy-MM-dd} 起）时间重叠，同一险种不能重复参保{hint}")
                { Field = "begndate", Code = "enrollment-overlap" };
            }

            if (IsBasicPair(other.InsuranceType, candidate.InsuranceType) && SegmentsOverlap(other, candidate, from))
            {
                throw new DomainException(
                    $"险种：已参加{RegistryNames.Of(other.InsuranceType)}（{(int)other.InsuranceType}，{other.BeginDate:yyyy-MM-dd} 起），不能同时参加{RegistryNames.Of(candidate.InsuranceType)}（{(int)candidate.InsuranceType}）；请先暂停或终止原参保")
                { Field = "insutype", Code = "employee-resident-conflict" };
            }
        }
    }

    private void CheckPrerequisite(InsuranceType type, DateOnly begin)
    {
        InsuranceType? basic = type switch
        {
            InsuranceType.ResidentCritical => InsuranceType.ResidentBasic,
            InsuranceType.EmployeeLargeExpense or InsuranceType.CivilServantSubsidy => InsuranceType.EmployeeBasic,
            _ => null,
        };
        if (basic is { } b && !_enrollments.Any(e => e.InsuranceType == b && e.StatusOn(begin) == EnrollmentStatus.Active))
        {
            throw new DomainException($"险种：参加{RegistryNames.Of(type)}（{(int)type}）须在 {begin:yyyy-MM-dd} 已正常参加{RegistryNames.Of(b)}（{(int)b}）")
            { Field = "insutype", Code = "basic-insurance-required" };
        }

        if (type == InsuranceType.CivilServantSubsidy && !_statuses.Any(s => s.Type == SpecialStatusType.CivilServant && s.IsActiveOn(begin)))
        {
            throw new DomainException("险种：参加公务员医疗补助（320）须有有效的公务员身份") { Field = "insutype", Code = "civil-servant-required" };
        }
    }

    private static bool IsBasicPair(InsuranceType a, InsuranceType b) =>
        (a == InsuranceType.EmployeeBasic && b == InsuranceType.ResidentBasic) || (a == InsuranceType.ResidentBasic && b == InsuranceType.EmployeeBasic);

    private static bool SegmentsOverlap(Enrollment a, Enrollment b, DateOnly from)
    {
        var sa = CoveredSegments(a);
        var sb = CoveredSegments(b).Where(s => s.To >= from);
        return sb.Any(y => sa.Any(x => x.From <= y.To && y.From <= x.To));
    }

    private void Own(Enrollment enrollment)
    {
        if (!_enrollments.Contains(enrollment))
        {
            throw new ArgumentException("参保记录不属于该人员", nameof(enrollment));
        }
    }
}

/// <summary>参保资格 of a person on a date.</summary>
public sealed record Eligibility(long PersonId, DateOnly Date, IReadOnlyList<CoverageOnDate> Coverages, IReadOnlyList<PersonSpecialStatus> SpecialStatuses)
{
    public CoverageOnDate? For(InsuranceType type) => Coverages.FirstOrDefault(c => c.InsuranceType == type);

    public bool IsEntitled(InsuranceType type) => For(type)?.Entitled == true;

    public bool Has(SpecialStatusType type) => SpecialStatuses.Any(s => s.Type == type);
}

/// <summary>One 险种 in force on the date: category, status, and the 待遇享受 window containing (or following) it.</summary>
public sealed record CoverageOnDate(
    long EnrollmentId,
    InsuranceType InsuranceType,
    PersonCategory Category,
    EnrollmentStatus Status,
    DateOnly BeginDate,
    DateOnly? EndDate,
    long? EmployerId,
    DateOnly? BenefitFrom,
    DateOnly? BenefitTo,
    bool Entitled,
    int ContributionMonths);
