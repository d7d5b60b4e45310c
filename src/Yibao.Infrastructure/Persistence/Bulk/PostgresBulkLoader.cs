using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Yibao.Domain.Accounts;
using Yibao.Domain.Contributions;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Registry;
using Yibao.Domain.Settlement;

namespace Yibao.Infrastructure.Persistence.Bulk;

/// <summary>PostgreSQL: Npgsql binary COPY inside one transaction; identity sequences are moved past the loaded ids.</summary>
public sealed class PostgresBulkLoader(AppDbContext db) : IBulkLoader
{
    /// <summary>Tables with a generated bigint id whose identity sequence must follow the loaded ids.</summary>
    private static readonly string[] IdentityTables = ["households", "persons", "employers", "institutions",
        "enrollments", "enrollment_events", "person_special_statuses", "journal_entries", "journal_lines", "resident_contributions",
        "contribution_bases", "collection_plans", "collection_plan_lines", "employer_payments", "flexible_contributions",
        "medical_encounters", "fee_details", "settlements", "person_accumulators", "personal_account_entries"];

    private IDbContextTransaction? _transaction;
    private NpgsqlConnection? _connection;

    public async Task BeginAsync(CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        _connection = (NpgsqlConnection)db.Database.GetDbConnection();
        _transaction = await db.Database.BeginTransactionAsync(cancellationToken);
    }

    public Task<int> WriteAreasAsync(IEnumerable<Area> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("areas (code, name, level, parent_code)", rows, (w, r) =>
        {
            w.Write(r.Code, NpgsqlDbType.Varchar);
            w.Write(r.Name, NpgsqlDbType.Varchar);
            w.Write((int)r.Level, NpgsqlDbType.Integer);
            WriteNullable(w, r.ParentCode);
        }, cancellationToken);

    public Task<int> WriteHouseholdsAsync(IEnumerable<Household> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("households (id, household_no, area_code, pool_area_code, address)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.HouseholdNo, NpgsqlDbType.Varchar);
            w.Write(r.AreaCode, NpgsqlDbType.Varchar);
            w.Write(r.PoolAreaCode, NpgsqlDbType.Varchar);
            WriteNullable(w, r.Address);
        }, cancellationToken);

    public Task<int> WritePersonsAsync(IEnumerable<Person> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("persons (id, person_no, certno, name, gender, birth_date, household_id, area_code, pool_area_code, phone, address)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.PersonNo, NpgsqlDbType.Varchar);
            w.Write(r.ResidentId.Value, NpgsqlDbType.Varchar);
            w.Write(r.Name, NpgsqlDbType.Varchar);
            w.Write((int)r.Gender, NpgsqlDbType.Integer);
            w.Write(r.BirthDate, NpgsqlDbType.Date);
            if (r.HouseholdId is { } h)
            {
                w.Write(h, NpgsqlDbType.Bigint);
            }
            else
            {
                w.WriteNull();
            }

            WriteNullable(w, r.AreaCode);
            w.Write(r.PoolAreaCode, NpgsqlDbType.Varchar);
            WriteNullable(w, r.Phone);
            WriteNullable(w, r.Address);
        }, cancellationToken);

    public Task<int> WriteEmployersAsync(IEnumerable<Employer> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("employers (id, employer_no, uscc, name, type, status, pool_area_code, address)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.EmployerNo, NpgsqlDbType.Varchar);
            w.Write(r.CreditCode.Value, NpgsqlDbType.Varchar);
            w.Write(r.Name, NpgsqlDbType.Varchar);
            w.Write((int)r.Type, NpgsqlDbType.Integer);
            w.Write((int)r.Status, NpgsqlDbType.Integer);
            w.Write(r.PoolAreaCode, NpgsqlDbType.Varchar);
            WriteNullable(w, r.Address);
        }, cancellationToken);

    public Task<int> WriteInstitutionsAsync(IEnumerable<Institution> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("institutions (id, fixmedins_code, fixmedins_name, type, level, status, pool_area_code, area_code, address)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.Code, NpgsqlDbType.Varchar);
            w.Write(r.Name, NpgsqlDbType.Varchar);
            w.Write((int)r.Type, NpgsqlDbType.Integer);
            w.Write((int)r.Level, NpgsqlDbType.Integer);
            w.Write((int)r.Status, NpgsqlDbType.Integer);
            w.Write(r.PoolAreaCode, NpgsqlDbType.Varchar);
            WriteNullable(w, r.AreaCode);
            WriteNullable(w, r.Address);
        }, cancellationToken);

    public Task<int> WriteEnrollmentsAsync(IEnumerable<Enrollment> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("enrollments (id, person_id, insutype, psn_type, employer_id, begndate, enddate, psn_insu_stas, termination_reason, first_contribution_date, carried_contribution_months, transfer_area_code, insuplc_admdvs)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.PersonId, NpgsqlDbType.Bigint);
            w.Write((int)r.InsuranceType, NpgsqlDbType.Integer);
            w.Write((int)r.Category, NpgsqlDbType.Integer);
            WriteNullable(w, r.EmployerId);
            w.Write(r.BeginDate, NpgsqlDbType.Date);
            WriteNullable(w, r.EndDate);
            w.Write((int)r.Status, NpgsqlDbType.Integer);
            WriteNullable(w, r.TerminationReason is { } t ? (int)t : null);
            WriteNullable(w, r.FirstContributionDate);
            w.Write(r.CarriedContributionMonths, NpgsqlDbType.Integer);
            WriteNullable(w, r.TransferAreaCode);
            w.Write(r.PoolAreaCode, NpgsqlDbType.Varchar);
        }, cancellationToken);

    public Task<int> WriteEnrollmentEventsAsync(IEnumerable<EnrollmentEvent> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("enrollment_events (id, enrollment_id, kind, effective_date, psn_type, memo, sequence)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.EnrollmentId, NpgsqlDbType.Bigint);
            w.Write((int)r.Kind, NpgsqlDbType.Integer);
            w.Write(r.EffectiveDate, NpgsqlDbType.Date);
            WriteNullable(w, r.Category is { } c ? (int)c : null);
            WriteNullable(w, r.Note);
            w.Write(r.Sequence, NpgsqlDbType.Integer);
        }, cancellationToken);

    public Task<int> WriteSpecialStatusesAsync(IEnumerable<PersonSpecialStatus> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("person_special_statuses (id, person_id, psn_idet_type, begntime, endtime, source, source_reference)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.PersonId, NpgsqlDbType.Bigint);
            w.Write((int)r.Type, NpgsqlDbType.Integer);
            w.Write(r.BeginDate, NpgsqlDbType.Date);
            WriteNullable(w, r.EndDate);
            w.Write(r.Source, NpgsqlDbType.Varchar);
            WriteNullable(w, r.SourceReference);
        }, cancellationToken);

    public Task<int> WriteJournalEntriesAsync(IEnumerable<JournalEntry> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("journal_entries (id, entry_date, memo, source_type, source_id, reverses_entry_id)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.EntryDate, NpgsqlDbType.Date);
            w.Write(r.Memo, NpgsqlDbType.Varchar);
            w.Write(r.SourceType, NpgsqlDbType.Varchar);
            w.Write(r.SourceId, NpgsqlDbType.Varchar);
            WriteNullable(w, r.ReversesEntryId);
        }, cancellationToken);

    public Task<int> WriteJournalLinesAsync(IEnumerable<JournalLine> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("journal_lines (id, journal_entry_id, fund, account_code, debit, credit, person_id, employer_id, institution_id)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.JournalEntryId, NpgsqlDbType.Bigint);
            w.Write((int)r.Fund, NpgsqlDbType.Integer);
            w.Write(r.AccountCode, NpgsqlDbType.Varchar);
            w.Write(r.Debit, NpgsqlDbType.Numeric);
            w.Write(r.Credit, NpgsqlDbType.Numeric);
            WriteNullable(w, r.PersonId);
            WriteNullable(w, r.EmployerId);
            WriteNullable(w, r.InstitutionId);
        }, cancellationToken);

    public Task<int> WriteResidentContributionsAsync(IEnumerable<ResidentContribution> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("resident_contributions (id, person_id, insuplc_admdvs, year, individual_amount, sponsored_amount, paid_by_person, subsidy_amount, sponsored_for, paid_on, receipt_no, journal_entry_id)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.PersonId, NpgsqlDbType.Bigint);
            w.Write(r.PoolAreaCode, NpgsqlDbType.Varchar);
            w.Write(r.Year, NpgsqlDbType.Integer);
            w.Write(r.IndividualAmount, NpgsqlDbType.Numeric);
            w.Write(r.SponsoredAmount, NpgsqlDbType.Numeric);
            w.Write(r.PaidByPerson, NpgsqlDbType.Numeric);
            w.Write(r.SubsidyAmount, NpgsqlDbType.Numeric);
            WriteNullable(w, r.SponsoredFor is { } s ? (int)s : null);
            w.Write(r.PaidOn, NpgsqlDbType.Date);
            w.Write(r.ReceiptNo, NpgsqlDbType.Varchar);
            w.Write(r.JournalEntryId, NpgsqlDbType.Bigint);
        }, cancellationToken);

    private static void WriteNullable(NpgsqlBinaryImporter w, long? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.Bigint);
        }
        else
        {
            w.WriteNull();
        }
    }

    private static void WriteNullable(NpgsqlBinaryImporter w, int? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.Integer);
        }
        else
        {
            w.WriteNull();
        }
    }

    private static void WriteNullable(NpgsqlBinaryImporter w, DateOnly? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.Date);
        }
        else
        {
            w.WriteNull();
        }
    }

    public Task<int> WriteContributionBasesAsync(IEnumerable<ContributionBase> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("contribution_bases (id, employer_id, person_id, insuplc_admdvs, year, declared_base, clct_base, declared_on)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.EmployerId, NpgsqlDbType.Bigint);
            w.Write(r.PersonId, NpgsqlDbType.Bigint);
            w.Write(r.PoolAreaCode, NpgsqlDbType.Varchar);
            w.Write(r.Year, NpgsqlDbType.Integer);
            w.Write(r.DeclaredBase, NpgsqlDbType.Numeric);
            w.Write(r.ApprovedBase, NpgsqlDbType.Numeric);
            w.Write(r.DeclaredOn, NpgsqlDbType.Date);
        }, cancellationToken);

    public Task<int> WriteCollectionPlansAsync(IEnumerable<CollectionPlan> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("collection_plans (id, employer_id, insuplc_admdvs, period, headcount, employer_amount, employee_amount, total_amount, generated_on)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.EmployerId, NpgsqlDbType.Bigint);
            w.Write(r.PoolAreaCode, NpgsqlDbType.Varchar);
            w.Write(r.Period, NpgsqlDbType.Integer);
            w.Write(r.Headcount, NpgsqlDbType.Integer);
            w.Write(r.EmployerAmount, NpgsqlDbType.Numeric);
            w.Write(r.EmployeeAmount, NpgsqlDbType.Numeric);
            w.Write(r.TotalAmount, NpgsqlDbType.Numeric);
            w.Write(r.GeneratedOn, NpgsqlDbType.Date);
        }, cancellationToken);

    public Task<int> WriteCollectionPlanLinesAsync(IEnumerable<CollectionPlanLine> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("collection_plan_lines (id, plan_id, person_id, clct_base, employer_amount, employee_amount)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.PlanId, NpgsqlDbType.Bigint);
            w.Write(r.PersonId, NpgsqlDbType.Bigint);
            w.Write(r.Base, NpgsqlDbType.Numeric);
            w.Write(r.EmployerAmount, NpgsqlDbType.Numeric);
            w.Write(r.EmployeeAmount, NpgsqlDbType.Numeric);
        }, cancellationToken);

    public Task<int> WriteEmployerPaymentsAsync(IEnumerable<EmployerPayment> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("employer_payments (id, employer_id, period, amount, received_on, ticket_no, source_file, journal_entry_id)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.EmployerId, NpgsqlDbType.Bigint);
            w.Write(r.Period, NpgsqlDbType.Integer);
            w.Write(r.Amount, NpgsqlDbType.Numeric);
            w.Write(r.ReceivedOn, NpgsqlDbType.Date);
            w.Write(r.TicketNo, NpgsqlDbType.Varchar);
            WriteNullable(w, r.SourceFile);
            w.Write(r.JournalEntryId, NpgsqlDbType.Bigint);
        }, cancellationToken);

    public Task<int> WriteEncountersAsync(IEnumerable<MedicalEncounter> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("medical_encounters (id, mdtrt_id, institution_id, person_id, psn_no, insutype, med_type, begin_date, dise_codg, chronic_disease, ipt_otp_no, adm_dept_codg, adm_bed, endtime, dscg_maindiag_code, dscg_way, insuplc_admdvs, status, created_at)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.MdtrtId, NpgsqlDbType.Varchar);
            w.Write(r.InstitutionId, NpgsqlDbType.Bigint);
            w.Write(r.PersonId, NpgsqlDbType.Bigint);
            w.Write(r.PsnNo, NpgsqlDbType.Varchar);
            w.Write(r.Insutype, NpgsqlDbType.Varchar);
            w.Write((int)r.MedType, NpgsqlDbType.Integer);
            w.Write(r.BeginDate, NpgsqlDbType.Date);
            WriteNullable(w, r.DiseCodg);
            WriteNullable(w, r.ChronicDisease);
            WriteNullable(w, r.IptOtpNo);
            WriteNullable(w, r.AdmDeptCodg);
            WriteNullable(w, r.AdmBed);
            WriteNullable(w, r.EndDate);
            WriteNullable(w, r.DscgMaindiagCode);
            WriteNullable(w, r.DscgWay);
            w.Write(r.PoolAreaCode, NpgsqlDbType.Varchar);
            w.Write((int)r.Status, NpgsqlDbType.Integer);
            w.Write(r.CreatedAt, NpgsqlDbType.TimestampTz);
        }, cancellationToken);

    public Task<int> WriteFeeDetailsAsync(IEnumerable<FeeDetail> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("fee_details (id, encounter_id, feedetl_sn, med_list_codg, medins_list_name, cnt, pric, det_item_fee_sumamt, fee_ocur_date, medc_days, cancelled)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.EncounterId, NpgsqlDbType.Bigint);
            w.Write(r.FeedetlSn, NpgsqlDbType.Varchar);
            w.Write(r.MedListCodg, NpgsqlDbType.Varchar);
            WriteNullable(w, r.MedinsListName);
            w.Write(r.Cnt, NpgsqlDbType.Numeric);
            w.Write(r.Pric, NpgsqlDbType.Numeric);
            w.Write(r.DetItemFeeSumamt, NpgsqlDbType.Numeric);
            w.Write(r.FeeOcurDate, NpgsqlDbType.Date);
            if (r.MedcDays is { } days)
            {
                w.Write(days, NpgsqlDbType.Integer);
            }
            else
            {
                w.WriteNull();
            }

            w.Write(r.Cancelled, NpgsqlDbType.Boolean);
        }, cancellationToken);

    public Task<int> WriteSettlementsAsync(IEnumerable<SettlementRecord> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("settlements (id, setl_id, encounter_id, institution_id, person_id, psn_no, insutype, med_type, insuplc_admdvs, setl_date, year, policy_version_id, scheme_name, place, filing_no, "
            + "medfee_sumamt, fulamt_ownpay_amt, overlmt_selfpay, preselfpay_amt, inscp_scp_amt, act_pay_dedc, hifp_pay, pool_prop_selfpay, cvlserv_pay, hifob_pay, hifmi_pay, hifdm_pay, maf_pay, oth_pay, fund_pay_sumamt, psn_part_amt, acct_pay, psn_cash_pay, "
            + "explanation_json, lines_json, accumulators_before_json, accumulators_after_json, review_warnings_json, status, journal_entry_id, reversal_journal_entry_id, created_at, cancelled_at, cancel_reason, cancelled_by)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.SetlId, NpgsqlDbType.Varchar);
            w.Write(r.EncounterId, NpgsqlDbType.Bigint);
            w.Write(r.InstitutionId, NpgsqlDbType.Bigint);
            w.Write(r.PersonId, NpgsqlDbType.Bigint);
            w.Write(r.PsnNo, NpgsqlDbType.Varchar);
            w.Write(r.Insutype, NpgsqlDbType.Varchar);
            w.Write((int)r.MedType, NpgsqlDbType.Integer);
            w.Write(r.PoolAreaCode, NpgsqlDbType.Varchar);
            w.Write(r.SetlDate, NpgsqlDbType.Date);
            w.Write(r.Year, NpgsqlDbType.Integer);
            w.Write(r.PolicyVersionId, NpgsqlDbType.Varchar);
            w.Write(r.SchemeName, NpgsqlDbType.Varchar);
            w.Write((int)r.Place, NpgsqlDbType.Integer);
            WriteNullable(w, r.FilingNo);
            foreach (var v in (ReadOnlySpan<decimal>)[r.MedfeeSumamt, r.FulamtOwnpayAmt, r.OverlmtSelfpay, r.PreselfpayAmt, r.InscpScpAmt, r.ActPayDedc, r.HifpPay,
                r.PoolPropSelfpay, r.CvlservPay, r.HifobPay, r.HifmiPay, r.HifdmPay, r.MafPay, r.OthPay, r.FundPaySumamt, r.PsnPartAmt, r.AcctPay, r.PsnCashPay])
            {
                w.Write(v, NpgsqlDbType.Numeric);
            }

            w.Write(r.ExplanationJson, NpgsqlDbType.Text);
            w.Write(r.LinesJson, NpgsqlDbType.Text);
            w.Write(r.AccumulatorsBeforeJson, NpgsqlDbType.Text);
            w.Write(r.AccumulatorsAfterJson, NpgsqlDbType.Text);
            WriteNullable(w, r.ReviewWarningsJson);
            w.Write((int)r.Status, NpgsqlDbType.Integer);
            WriteNullable(w, r.JournalEntryId);
            WriteNullable(w, r.ReversalJournalEntryId);
            w.Write(r.CreatedAt, NpgsqlDbType.TimestampTz);
            if (r.CancelledAt is { } c)
            {
                w.Write(c, NpgsqlDbType.TimestampTz);
            }
            else
            {
                w.WriteNull();
            }

            WriteNullable(w, r.CancelReason);
            WriteNullable(w, r.CancelledBy);
        }, cancellationToken);

    public Task<int> WritePersonAccumulatorsAsync(IEnumerable<PersonAccumulator> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("person_accumulators (id, person_id, year, values_json, version, updated_at)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.PersonId, NpgsqlDbType.Bigint);
            w.Write(r.Year, NpgsqlDbType.Integer);
            w.Write(r.ValuesJson, NpgsqlDbType.Text);
            w.Write(r.Version, NpgsqlDbType.Integer);
            w.Write(r.UpdatedAt, NpgsqlDbType.TimestampTz);
        }, cancellationToken);

    public Task<int> WritePersonalAccountEntriesAsync(IEnumerable<PersonalAccountEntryRecord> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("personal_account_entries (id, account_id, entry_date, kind, amount, memo, source_key, counterpart_person_id, bank_name, bank_account_name, bank_account_no, journal_entry_id)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.AccountId, NpgsqlDbType.Bigint);
            w.Write(r.EntryDate, NpgsqlDbType.Date);
            w.Write((int)r.Kind, NpgsqlDbType.Integer);
            w.Write(r.Amount, NpgsqlDbType.Numeric);
            w.Write(r.Memo, NpgsqlDbType.Varchar);
            w.Write(r.SourceKey, NpgsqlDbType.Varchar);
            WriteNullable(w, r.CounterpartPersonId);
            WriteNullable(w, r.BankName);
            WriteNullable(w, r.BankAccountName);
            WriteNullable(w, r.BankAccountNo);
            w.Write(r.JournalEntryId, NpgsqlDbType.Bigint);
        }, cancellationToken);

    public Task<int> WriteFlexibleContributionsAsync(IEnumerable<FlexibleContribution> rows, CancellationToken cancellationToken = default) =>
        CopyAsync("flexible_contributions (id, person_id, insuplc_admdvs, period, clct_base, rate, amount, paid_on, receipt_no, journal_entry_id)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.PersonId, NpgsqlDbType.Bigint);
            w.Write(r.PoolAreaCode, NpgsqlDbType.Varchar);
            w.Write(r.Period, NpgsqlDbType.Integer);
            w.Write(r.Base, NpgsqlDbType.Numeric);
            w.Write(r.Rate, NpgsqlDbType.Numeric);
            w.Write(r.Amount, NpgsqlDbType.Numeric);
            w.Write(r.PaidOn, NpgsqlDbType.Date);
            w.Write(r.ReceiptNo, NpgsqlDbType.Varchar);
            w.Write(r.JournalEntryId, NpgsqlDbType.Bigint);
        }, cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        var tx = RequireTransaction();
        foreach (var table in IdentityTables)
        {
            // Next generated id = max(id) + 1 (or 1 on an empty table).
            await using var cmd = _connection!.CreateCommand();
            cmd.CommandText = $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)";
            await cmd.ExecuteScalarAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        await tx.DisposeAsync();
        _transaction = null;
        await db.Database.CloseConnectionAsync();
        _connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
            await db.Database.CloseConnectionAsync();
            _connection = null;
        }
    }

    private IDbContextTransaction RequireTransaction() =>
        _transaction ?? throw new InvalidOperationException("批量写入尚未开始（先调用 BeginAsync）");

    private static void WriteNullable(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(value, NpgsqlDbType.Varchar);
        }
    }

    private async Task<int> CopyAsync<T>(string target, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> write, CancellationToken cancellationToken)
    {
        RequireTransaction();
        var count = 0;
        // Synchronous row writes: per-value async calls cost more than they save for buffered COPY data.
        await using (var importer = await _connection!.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in rows)
            {
                importer.StartRow();
                write(importer, row);
                if ((++count & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        return count;
    }
}
