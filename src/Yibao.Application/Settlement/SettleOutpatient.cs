using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Accounts;
using Yibao.Application.Common;
using Yibao.Application.OutOfArea;
using Yibao.Application.Registry;
using Yibao.Application.Review;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Registry;
using Yibao.Domain.Review;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlement;

/// <summary>
/// 2206 门诊预结算 (<see cref="PreSettle"/> = true: computes, changes nothing) and 2207 门诊结算: the caller states the total
/// (medfee_sumamt), which must equal the sum of the uploaded lines. Settlement writes in one transaction, under the
/// person's lock: the settlement (national field set, explanation, policy version), the encounter status, the new
/// year-to-date accumulators and one balanced journal entry per settlement (each fund against 应付定点医药机构结算款).
/// </summary>
public sealed record SettleOutpatient(
    string MdtrtId,
    [property: JsonPropertyName("medfee_sumamt")] decimal MedfeeSumamt,
    [property: JsonPropertyName("acct_used_flag")] string? AcctUsedFlag = "0",
    bool PreSettle = false);

public sealed record SettlementView(
    [property: JsonPropertyName("setl_id")] string? SetlId,
    [property: JsonPropertyName("mdtrt_id")] string MdtrtId,
    [property: JsonPropertyName("psn_no")] string PsnNo,
    [property: JsonPropertyName("insutype")] string Insutype,
    [property: JsonPropertyName("med_type")] string MedType,
    [property: JsonPropertyName("setl_time")] DateOnly SetlTime,
    [property: JsonPropertyName("fixmedins_code")] string FixmedinsCode,
    [property: JsonPropertyName("policy_version")] string PolicyVersion,
    [property: JsonPropertyName("scheme")] string Scheme,
    [property: JsonPropertyName("setlinfo")] IReadOnlyDictionary<string, decimal> Setlinfo,
    [property: JsonPropertyName("setldetail")] IReadOnlyList<JsonElement> Lines,
    [property: JsonPropertyName("explanation")] IReadOnlyList<string> Explanation,
    [property: JsonPropertyName("setl_stas")] string Status,
    [property: JsonPropertyName("warnings")] IReadOnlyList<ReviewWarningView>? Warnings = null);

/// <summary>
/// A 事中智能审核 可疑 finding returned with (pre-)settlement: the rule, the message, the fee lines concerned (feedetl_sn of
/// this encounter) and the amount the rule questions. The settlement itself is not changed by a warning.
/// </summary>
public sealed record ReviewWarningView(
    [property: JsonPropertyName("rule_id")] string RuleId,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("feedetl_sn")] IReadOnlyList<string> FeedetlSn,
    [property: JsonPropertyName("amount")] decimal Amount);

/// <summary>Which encounters a settlement call accepts: outpatient (2206/2207) or inpatient (2303/2304, optionally 中途结算).</summary>
public readonly record struct SettleScope(bool Inpatient, bool Midway)
{
    public static readonly SettleScope Outpatient = new(false, false);
}

public sealed class SettleOutpatientHandler(IAppDbContext db, ISettlementReferenceData reference, IPersonSettlementLock personLock, TimeProvider clock, IReviewRuleSource reviewRules)
{
    public Task<AppResult<SettlementView>> HandleAsync(InstitutionCaller caller, SettleOutpatient command, CancellationToken ct = default) =>
        HandleAsync(caller, command, SettleScope.Outpatient, ct);

    /// <summary>Shared by 2206/2207 and 2303/2304: same checks, same engine, same single-transaction write.</summary>
    public Task<AppResult<SettlementView>> HandleAsync(InstitutionCaller caller, SettleOutpatient command, SettleScope scope, CancellationToken ct = default)
    {
        if (command.AcctUsedFlag is not (null or "0" or "1"))
        {
            return Task.FromResult(AppResult<SettlementView>.Fail(new AppError(SettlementErrors.Validation, "个人账户使用标志 acct_used_flag：只能是 0 或 1", "acct_used_flag")));
        }

        if (command.MedfeeSumamt < 0 || decimal.Round(command.MedfeeSumamt, 2) != command.MedfeeSumamt)
        {
            return Task.FromResult(AppResult<SettlementView>.Fail(new AppError(SettlementErrors.Validation, "医疗费总额 medfee_sumamt：须为非负数，最多两位小数", "medfee_sumamt")));
        }

        return command.PreSettle
            ? ComputeAsync(caller, command, scope, write: false, ct)
            : db.InTransactionAsync(() => ComputeAsync(caller, command, scope, write: true, ct), ct);
    }

    private async Task<AppResult<SettlementView>> ComputeAsync(InstitutionCaller caller, SettleOutpatient command, SettleScope scope, bool write, CancellationToken ct)
    {
        static AppResult<SettlementView> Fail(AppError e) => AppResult<SettlementView>.Fail(e);

        // Lock the encounter's person (PostgreSQL: and draw the id of the settlement's journal entry, in the same statement),
        // then read the institution and the encounter with its lines under the lock.
        var journalEntryId = write ? await personLock.LockEncounterPersonAsync(caller.InstitutionId, command.MdtrtId, ct) : null;
        var (inst, e, instError) = await db.ActiveInstitutionAndEncounterAsync(caller, command.MdtrtId, withLines: true, ct);
        if (instError is not null)
        {
            return Fail(instError);
        }

        if (e!.Status != EncounterStatus.Registered)
        {
            return Fail(UploadFeeDetailsHandler.NotOpen(e));
        }

        if (UploadFeeDetailsHandler.WrongKind(e, scope.Inpatient) is { } kindError)
        {
            return Fail(kindError);
        }

        if (write && scope.Inpatient && e.EndDate is null && !scope.Midway)
        {
            return Fail(new AppError(SettlementErrors.NotDischarged, $"就诊 ID mdtrt_id：住院“{e.MdtrtId}”尚未办理出院（2402），不能结算；住院期间结算须注明中途结算 mid_setl_flag=1", "mdtrt_id"));
        }

        // 住院: lines settled by an earlier 中途结算 of this stay (not cancelled) are not settled again.
        var settledSns = scope.Inpatient ? await InpatientStay.SettledLineSnsAsync(db, e.Id, ct) : [];
        var lines = e.FeeDetails.Where(f => !f.Cancelled && !settledSns.Contains(f.FeedetlSn)).OrderBy(f => f.Id).ToList();
        if (lines.Count == 0)
        {
            return Fail(new AppError(SettlementErrors.NoFeeDetails, $"费用明细 feedetail：就诊“{e.MdtrtId}”没有已上传的费用明细，不能结算", "feedetail"));
        }

        var total = lines.Sum(f => f.DetItemFeeSumamt);
        if (total != command.MedfeeSumamt)
        {
            return Fail(new AppError(SettlementErrors.TotalMismatch, $"医疗费总额 medfee_sumamt：{command.MedfeeSumamt:0.00} 元与已上传明细合计 {total:0.00} 元不一致", "medfee_sumamt"));
        }

        var year = e.BeginDate.Year;
        var (person, snap, covError, accRow) = await db.CoverageReadAsync(db.Persons.Where(p => p.Id == e.PersonId), e.Insutype, e.BeginDate, year, ct);
        if (person is null)
        {
            throw new InvalidOperationException($"encounter {e.MdtrtId} without its person");
        }

        if (covError is not null)
        {
            return Fail(covError);
        }

        var policy = await reference.GetPolicyAsync(e.PoolAreaCode, e.Insutype, e.BeginDate, ct);
        var catalog = await reference.GetCatalogAsync(e.PoolAreaCode, e.BeginDate, ct);
        if (policy is null || catalog is null)
        {
            return Fail(new AppError(SettlementErrors.PolicyNotFound, $"待遇政策：统筹区 {e.PoolAreaCode} 在 {e.BeginDate:yyyy-MM-dd} 没有生效的待遇政策参数或医保目录", "begntime"));
        }

        // 就医地类别: 本地, or 异地已备案/转诊/异地未备案 from the person's 异地就医备案 when the institution is in another 统筹区.
        var place = await db.ResolvePlaceAsync(e.PersonId, e.Insutype, person.PoolAreaCode, inst!.PoolAreaCode, e.BeginDate, ct);
        var before = accRow is null ? new Dictionary<string, decimal>(StringComparer.Ordinal) : OnlineSettlement.ReadAccumulators(accRow.ValuesJson);
        var account = await AccountPayment.PrepareAsync(db, personLock, e.PersonId, e.BeginDate, command.AcctUsedFlag, write, ct);
        var input = SettlementBuilder.Inputs(person, snap!, e, inst, place, lines, scope.Inpatient,
            scope.Inpatient ? InpatientStay.SettlementEndDate(e, clock.TodayInChina()) : e.BeginDate, account.Balance, account.Insutype);

        // 事中智能审核 (3101) before the calculation: 明确 findings make their lines 全自费, 可疑 ones become warnings.
        var review = await reviewRules.GetInlineReviewerAsync(ct);
        if (review.Error is not null)
        {
            return Fail(new AppError(SettlementErrors.ReviewRulesInvalid, review.Error, "review_rules"));
        }

        InlineReviewResult? findings = null;
        if (review.Reviewer is { } reviewer)
        {
            findings = await InlineReviewInput.CheckAsync(db, reviewer, person, e, inst, input.Encounter, input.Fee,
                lines.Select(l => l.MedcDays ?? 0).ToArray(), ct);
        }

        findings = await PractitionerCheck.ApplyAsync(db, lines, findings, ct);

        var today = clock.TodayInChina();
        var record = SettlementBuilder.Compute(policy, catalog, input, before, place, e, inst, lines, findings, review.RuleSetId,
            write ? OnlineSettlement.NewId('S', clock) : "", today, clock.GetUtcNow().UtcDateTime, account).Record;
        if (!write)
        {
            return AppResult<SettlementView>.Ok(View(record, e, inst.Code));
        }

        var entryLines = Postings(record, inst.Id);
        if (entryLines.Count > 0)
        {
            var entry = scope.Inpatient
                ? JournalEntry.Create(today, $"{(e.EndDate is null ? "住院中途结算" : "住院结算")} {record.SetlId}（{inst.Name}）", InpatientSourceType, record.SetlId, entryLines)
                : JournalEntry.Create(today, $"门诊结算 {record.SetlId}（{inst.Name}）", SourceType, record.SetlId, entryLines);
            entry.Id = journalEntryId ?? 0; // 0: SQLite numbers it on insert
            db.JournalEntries.Add(entry);
            account.Post(record, entry);
            record.JournalEntry = entry; // saved with the settlement below, in one batch when the id is drawn already
        }

        if (accRow is null)
        {
            db.PersonAccumulators.Add(new PersonAccumulator
            {
                PersonId = e.PersonId, Year = year, ValuesJson = record.AccumulatorsAfterJson, Version = 1, UpdatedAt = record.CreatedAt,
            });
        }
        else
        {
            accRow.ValuesJson = record.AccumulatorsAfterJson;
            accRow.Version++;
            accRow.UpdatedAt = record.CreatedAt;
        }

        // A 中途结算 before discharge leaves the stay open for further fee lines and a later settlement.
        e.Status = scope.Inpatient && e.EndDate is null ? EncounterStatus.Registered : EncounterStatus.Settled;
        db.Settlements.Add(record);
        await db.SaveChangesAsync(ct);
        return AppResult<SettlementView>.Ok(View(record, e, inst.Code));
    }

    public const string SourceType = "outpatient-settlement";
    public const string InpatientSourceType = "inpatient-settlement";

    /// <summary>Balanced postings: each fund that pays debits 医疗待遇支出 and credits 应付定点医药机构结算款.</summary>
    public static List<JournalLine> Postings(SettlementRecord s, long institutionId)
    {
        var lines = new List<JournalLine>();
        void Post(FundCode fund, string expense, decimal amount)
        {
            if (amount > 0)
            {
                lines.Add(new JournalLine { Fund = fund, AccountCode = expense, Debit = amount, PersonId = s.PersonId, InstitutionId = institutionId });
                lines.Add(new JournalLine { Fund = fund, AccountCode = LedgerAccounts.InstitutionPayable, Credit = amount, PersonId = s.PersonId, InstitutionId = institutionId });
            }
        }

        foreach (var (fund, amount) in FundParts(s.Insutype, s.HifpPay, s.CvlservPay, s.HifobPay, s.HifmiPay, s.HifdmPay, s.MafPay, s.OthPay))
        {
            Post(fund, LedgerAccounts.BenefitExpense, amount);
        }

        Post(FundCode.EmployeePersonalAccount, LedgerAccounts.PersonalAccountBalance, s.AcctPay); // 个人账户结存 ↓, see AccountPayment
        return lines;
    }

    /// <summary>The funds (not the personal account) that pay a settlement's 基金支付 parts, in posting order: 统筹 of the 险种, 公务员补助,
    /// 大额, 大病, 伤残, 医疗救助, 离休/其他.</summary>
    public static (FundCode Fund, decimal Amount)[] FundParts(string insutype, decimal hifpPay, decimal cvlservPay, decimal hifobPay, decimal hifmiPay,
        decimal hifdmPay, decimal mafPay, decimal othPay) =>
    [
        (insutype is "310" or "320" or "330" or "340" ? FundCode.EmployeePool : FundCode.ResidentPool, hifpPay),
        (FundCode.CivilServantSubsidy, cvlservPay),
        (FundCode.LargeExpenseSubsidy, hifobPay),
        (FundCode.CriticalIllness, hifmiPay),
        (FundCode.DisabledVeteran, hifdmPay),
        (FundCode.MedicalAssistance, mafPay),
        (FundCode.RetiredCadre, othPay),
    ];

    public static SettlementView View(SettlementRecord r, MedicalEncounter e, string fixmedinsCode) => new(
        r.SetlId.Length == 0 ? null : r.SetlId, e.MdtrtId, r.PsnNo, r.Insutype, ((int)r.MedType).ToString(OnlineSettlement.Invariant), r.SetlDate, fixmedinsCode,
        r.PolicyVersionId, r.SchemeName,
        r.ToSetlInfo().Fields().ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal),
        JsonSerializer.Deserialize<List<JsonElement>>(r.LinesJson) ?? [],
        JsonSerializer.Deserialize<List<string>>(r.ExplanationJson) ?? [],
        r.Status == SettlementStatus.Settled ? "1" : "0",
        r.ReviewWarningsJson is null ? [] : JsonSerializer.Deserialize<List<ReviewWarningView>>(r.ReviewWarningsJson) ?? []);
}

/// <summary>2208 门诊结算撤销: reverses the journal entry, takes this settlement's increments off the accumulators, reopens the encounter.</summary>
public sealed record CancelSettlement(string SetlId, [property: JsonPropertyName("memo")] string? Reason = null);

/// <summary>审核员撤销结算 from the settlement detail page: a reason is required; the audit trail and the settlement record who cancelled.</summary>
public sealed record StaffCancelSettlement(string SetlId, string Reason);

public sealed class CancelSettlementHandler(IAppDbContext db, IPersonSettlementLock personLock, TimeProvider clock, ICurrentUser user)
{
    public Task<AppResult<SettlementView>> HandleAsync(InstitutionCaller caller, CancelSettlement command, CancellationToken ct = default) =>
        db.InTransactionAsync(() => CancelAsync(caller, command, ct), ct);

    /// <summary>Cancellation by a staff member (审核员): any institution's settlement, same reversal and accumulator restore as 2208.</summary>
    public Task<AppResult<SettlementView>> HandleAsync(StaffCancelSettlement command, CancellationToken ct = default)
    {
        var reason = (command.Reason ?? "").Trim();
        if (reason.Length == 0)
        {
            return Task.FromResult(AppResult<SettlementView>.Fail(new AppError(SettlementErrors.Validation, "撤销原因：不能为空", "reason")));
        }

        if (reason.Length > 200)
        {
            return Task.FromResult(AppResult<SettlementView>.Fail(new AppError(SettlementErrors.Validation, "撤销原因：不能超过 200 个字符", "reason")));
        }

        return db.InTransactionAsync(async () =>
        {
            var found = await db.Settlements.Where(s => s.SetlId == command.SetlId).Select(s => new { s.PersonId, s.InstitutionId }).FirstOrDefaultAsync(ct);
            if (found is null)
            {
                return AppResult<SettlementView>.Fail(new AppError(SettlementErrors.SettlementNotFound, $"结算 ID：结算“{command.SetlId}”不存在", "setl_id"));
            }

            var code = await db.Institutions.Where(i => i.Id == found.InstitutionId).Select(i => i.Code).FirstAsync(ct);
            return await CancelLockedAsync(command.SetlId, found.PersonId, code, reason, user.UserName, ct);
        }, ct);
    }

    private async Task<AppResult<SettlementView>> CancelAsync(InstitutionCaller caller, CancelSettlement command, CancellationToken ct)
    {
        static AppResult<SettlementView> Fail(AppError e) => AppResult<SettlementView>.Fail(e);
        var (inst, instError) = await db.ActiveInstitutionAsync(caller, ct);
        if (instError is not null)
        {
            return Fail(instError);
        }

        var notFound = new AppError(SettlementErrors.SettlementNotFound, $"结算 ID setl_id：本机构没有结算“{command.SetlId}”", "setl_id");
        var personId = await db.Settlements.Where(s => s.SetlId == command.SetlId && s.InstitutionId == caller.InstitutionId)
            .Select(s => (long?)s.PersonId).FirstOrDefaultAsync(ct);
        if (personId is null)
        {
            return Fail(notFound);
        }

        var reason = string.IsNullOrWhiteSpace(command.Reason) ? "定点医药机构撤销结算" : command.Reason.Trim();
        return await CancelLockedAsync(command.SetlId, personId.Value, inst!.Code, reason, null, ct);
    }

    private async Task<AppResult<SettlementView>> CancelLockedAsync(string setlId, long personId, string fixmedinsCode, string reason, string? cancelledBy, CancellationToken ct)
    {
        await personLock.LockAsync(personId, ct);
        var s = await db.Settlements.FirstAsync(x => x.SetlId == setlId, ct);
        if (s.Status == SettlementStatus.Cancelled)
        {
            return AppResult<SettlementView>.Fail(new AppError(SettlementErrors.AlreadyCancelled, $"结算 ID setl_id：结算“{s.SetlId}”已撤销", "setl_id"));
        }

        var later = await db.Settlements.Where(x => x.EncounterId == s.EncounterId && x.Id > s.Id && x.Status == SettlementStatus.Settled)
            .Select(x => x.SetlId).FirstOrDefaultAsync(ct);
        if (later is not null)
        {
            return AppResult<SettlementView>.Fail(new AppError(SettlementErrors.LaterSettlementExists, $"结算 ID setl_id：同一住院还有其后的结算“{later}”，须先撤销该结算", "setl_id"));
        }

        var today = clock.TodayInChina();
        if (s.JournalEntryId is { } entryId)
        {
            var original = await db.JournalEntries.Include(j => j.Lines).FirstAsync(j => j.Id == entryId, ct);
            var memo = cancelledBy is null ? $"撤销结算 {s.SetlId}：{reason}" : $"审核员 {cancelledBy} 撤销结算 {s.SetlId}：{reason}";
            var reversal = original.Reverse(today, memo.Length > 190 ? memo[..190] : memo); // 摘要 holds 200 characters with the "冲销：" prefix
            db.JournalEntries.Add(reversal);
            if (await AccountPayment.ReverseAsync(db, personLock, s, reversal, today, ct) is { } accountError)
            {
                return AppResult<SettlementView>.Fail(accountError);
            }

            await db.SaveChangesAsync(ct);
            s.ReversalJournalEntryId = reversal.Id;
        }

        var accRow = await db.PersonAccumulators.FirstAsync(a => a.PersonId == s.PersonId && a.Year == s.Year, ct);
        var current = OnlineSettlement.ReadAccumulators(accRow.ValuesJson);
        var before = OnlineSettlement.ReadAccumulators(s.AccumulatorsBeforeJson);
        var after = OnlineSettlement.ReadAccumulators(s.AccumulatorsAfterJson);
        foreach (var key in after.Keys.Union(before.Keys))
        {
            var delta = after.GetValueOrDefault(key) - before.GetValueOrDefault(key);
            current[key] = current.GetValueOrDefault(key) - delta;
        }

        accRow.ValuesJson = OnlineSettlement.WriteAccumulators(current);
        accRow.Version++;
        accRow.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        s.Status = SettlementStatus.Cancelled;
        s.CancelledAt = accRow.UpdatedAt;
        s.CancelReason = reason.Length > 200 ? reason[..200] : reason;
        s.CancelledBy = cancelledBy;
        var e = await db.MedicalEncounters.FirstAsync(x => x.Id == s.EncounterId, ct);
        e.Status = EncounterStatus.Registered;
        await db.SaveChangesAsync(ct);
        return AppResult<SettlementView>.Ok(SettleOutpatientHandler.View(s, e, fixmedinsCode));
    }
}

/// <summary>Reads one of the caller's settlements (others' are "not found").</summary>
public sealed class GetSettlementHandler(IAppDbContext db)
{
    public async Task<AppResult<SettlementView>> HandleAsync(InstitutionCaller caller, string setlId, CancellationToken ct = default)
    {
        var s = await db.Settlements.AsNoTracking().FirstOrDefaultAsync(x => x.SetlId == setlId && x.InstitutionId == caller.InstitutionId, ct);
        if (s is null)
        {
            return AppResult<SettlementView>.Fail(new AppError(SettlementErrors.SettlementNotFound, $"结算 ID setl_id：本机构没有结算“{setlId}”", "setl_id"));
        }

        var e = await db.MedicalEncounters.AsNoTracking().FirstAsync(x => x.Id == s.EncounterId, ct);
        return AppResult<SettlementView>.Ok(SettleOutpatientHandler.View(s, e, caller.FixmedinsCode));
    }
}

/// <summary>5206 人员累计信息: the person's year-to-date accumulators.</summary>
public sealed record GetAccumulators(string Person, int Year);

public sealed record AccumulatorView(
    [property: JsonPropertyName("psn_no")] string PsnNo,
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("cuminfo")] IReadOnlyList<AccumulatorItem> CumInfo);

public sealed record AccumulatorItem([property: JsonPropertyName("cum_type_code")] string CumTypeCode, [property: JsonPropertyName("cum")] decimal Cum);

public sealed class GetAccumulatorsHandler(IAppDbContext db)
{
    public async Task<AppResult<AccumulatorView>> HandleAsync(GetAccumulators query, CancellationToken ct = default)
    {
        if (query.Year is < 2000 or > 2100)
        {
            return AppResult<AccumulatorView>.Fail(new AppError(SettlementErrors.Validation, "年度 year：须在 2000–2100 之间", "year"));
        }

        var person = await db.FindPersonAsync(query.Person, ct);
        if (person is null)
        {
            return AppResult<AccumulatorView>.Fail(RegistryLookups.PersonNotFound(query.Person));
        }

        var row = await db.PersonAccumulators.AsNoTracking().FirstOrDefaultAsync(a => a.PersonId == person.Id && a.Year == query.Year, ct);
        var values = row is null ? [] : OnlineSettlement.ReadAccumulators(row.ValuesJson);
        return AppResult<AccumulatorView>.Ok(new AccumulatorView(person.PersonNo, query.Year,
            values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new AccumulatorItem(kv.Key, kv.Value)).ToList()));
    }
}

/// <summary>2001 人员待遇享受检查: whether the person may settle under the 险种 on the date, with the reason when not.</summary>
public sealed record CheckTreatment(string Person, string Insutype, DateOnly Date);

public sealed record TreatmentView(
    [property: JsonPropertyName("psn_no")] string PsnNo,
    [property: JsonPropertyName("insutype")] string Insutype,
    [property: JsonPropertyName("begntime")] DateOnly Date,
    [property: JsonPropertyName("trt_chk_rslt")] string Result,
    [property: JsonPropertyName("trt_chk_type")] string? Code,
    [property: JsonPropertyName("memo")] string Memo);

public sealed class CheckTreatmentHandler(IAppDbContext db)
{
    public async Task<AppResult<TreatmentView>> HandleAsync(CheckTreatment query, CancellationToken ct = default)
    {
        if (!RegistryLookups.IsInsuranceType(query.Insutype))
        {
            return AppResult<TreatmentView>.Fail(new AppError(SettlementErrors.Validation, RegistryLookups.InsutypeMessage.Replace("{PropertyValue}", query.Insutype, StringComparison.Ordinal), "insutype"));
        }

        var (person, _, error) = await db.PersonCoverageAsync(db.PersonsByKey(query.Person), query.Insutype, query.Date, ct);
        if (person is null)
        {
            return AppResult<TreatmentView>.Fail(RegistryLookups.PersonNotFound(query.Person));
        }

        return AppResult<TreatmentView>.Ok(error is null
            ? new TreatmentView(person.PersonNo, query.Insutype, query.Date, "1", null, "可以享受待遇")
            : new TreatmentView(person.PersonNo, query.Insutype, query.Date, "0", error.Code, error.Message));
    }
}
