using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Yibao.Domain.Accounts;
using Yibao.Domain.Contributions;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Registry;
using Yibao.Domain.Settlement;

namespace Yibao.Infrastructure.Persistence.Bulk;

/// <summary>SQLite: one transaction, one prepared INSERT per table reused for every row, relaxed sync during the load.</summary>
public sealed class SqliteBulkLoader(AppDbContext db) : IBulkLoader
{
    private IDbContextTransaction? _transaction;
    private SqliteConnection? _connection;

    public async Task BeginAsync(CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        _connection = (SqliteConnection)db.Database.GetDbConnection();
        // Connection-level settings for the load; they are restored in CommitAsync/DisposeAsync.
        await ExecAsync("PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-200000;", cancellationToken);
        _transaction = await db.Database.BeginTransactionAsync(cancellationToken);
    }

    public Task<int> WriteAreasAsync(IEnumerable<Area> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("areas", ["code", "name", "level", "parent_code"], rows,
            (p, r) =>
            {
                p[0].Value = r.Code;
                p[1].Value = r.Name;
                p[2].Value = (int)r.Level;
                p[3].Value = (object?)r.ParentCode ?? DBNull.Value;
            }, cancellationToken);

    public Task<int> WriteHouseholdsAsync(IEnumerable<Household> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("households", ["id", "household_no", "area_code", "pool_area_code", "address"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.HouseholdNo;
                p[2].Value = r.AreaCode;
                p[3].Value = r.PoolAreaCode;
                p[4].Value = (object?)r.Address ?? DBNull.Value;
            }, cancellationToken);

    public Task<int> WritePersonsAsync(IEnumerable<Person> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("persons", ["id", "person_no", "certno", "name", "gender", "birth_date", "household_id", "area_code", "pool_area_code", "phone", "address"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.PersonNo;
                p[2].Value = r.ResidentId.Value;
                p[3].Value = r.Name;
                p[4].Value = (int)r.Gender;
                // The format EF Core's SQLite provider uses for DateOnly.
                p[5].Value = r.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                p[6].Value = (object?)r.HouseholdId ?? DBNull.Value;
                p[7].Value = (object?)r.AreaCode ?? DBNull.Value;
                p[8].Value = r.PoolAreaCode;
                p[9].Value = (object?)r.Phone ?? DBNull.Value;
                p[10].Value = (object?)r.Address ?? DBNull.Value;
            }, cancellationToken);

    public Task<int> WriteEmployersAsync(IEnumerable<Employer> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("employers", ["id", "employer_no", "uscc", "name", "type", "status", "pool_area_code", "address"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.EmployerNo;
                p[2].Value = r.CreditCode.Value;
                p[3].Value = r.Name;
                p[4].Value = (int)r.Type;
                p[5].Value = (int)r.Status;
                p[6].Value = r.PoolAreaCode;
                p[7].Value = (object?)r.Address ?? DBNull.Value;
            }, cancellationToken);

    public Task<int> WriteInstitutionsAsync(IEnumerable<Institution> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("institutions", ["id", "fixmedins_code", "fixmedins_name", "type", "level", "status", "pool_area_code", "area_code", "address"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.Code;
                p[2].Value = r.Name;
                p[3].Value = (int)r.Type;
                p[4].Value = (int)r.Level;
                p[5].Value = (int)r.Status;
                p[6].Value = r.PoolAreaCode;
                p[7].Value = (object?)r.AreaCode ?? DBNull.Value;
                p[8].Value = (object?)r.Address ?? DBNull.Value;
            }, cancellationToken);

    public Task<int> WriteEnrollmentsAsync(IEnumerable<Enrollment> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("enrollments", ["id", "person_id", "insutype", "psn_type", "employer_id", "begndate", "enddate", "psn_insu_stas", "termination_reason",
                "first_contribution_date", "carried_contribution_months", "transfer_area_code", "insuplc_admdvs"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.PersonId;
                p[2].Value = (int)r.InsuranceType;
                p[3].Value = (int)r.Category;
                p[4].Value = (object?)r.EmployerId ?? DBNull.Value;
                p[5].Value = Date(r.BeginDate);
                p[6].Value = Date(r.EndDate);
                p[7].Value = (int)r.Status;
                p[8].Value = r.TerminationReason is { } t ? (int)t : DBNull.Value;
                p[9].Value = Date(r.FirstContributionDate);
                p[10].Value = r.CarriedContributionMonths;
                p[11].Value = (object?)r.TransferAreaCode ?? DBNull.Value;
                p[12].Value = r.PoolAreaCode;
            }, cancellationToken);

    public Task<int> WriteEnrollmentEventsAsync(IEnumerable<EnrollmentEvent> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("enrollment_events", ["id", "enrollment_id", "kind", "effective_date", "psn_type", "memo", "sequence"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.EnrollmentId;
                p[2].Value = (int)r.Kind;
                p[3].Value = Date(r.EffectiveDate);
                p[4].Value = r.Category is { } c ? (int)c : DBNull.Value;
                p[5].Value = (object?)r.Note ?? DBNull.Value;
                p[6].Value = r.Sequence;
            }, cancellationToken);

    public Task<int> WriteSpecialStatusesAsync(IEnumerable<PersonSpecialStatus> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("person_special_statuses", ["id", "person_id", "psn_idet_type", "begntime", "endtime", "source", "source_reference"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.PersonId;
                p[2].Value = (int)r.Type;
                p[3].Value = Date(r.BeginDate);
                p[4].Value = Date(r.EndDate);
                p[5].Value = r.Source;
                p[6].Value = (object?)r.SourceReference ?? DBNull.Value;
            }, cancellationToken);

    public Task<int> WriteJournalEntriesAsync(IEnumerable<JournalEntry> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("journal_entries", ["id", "entry_date", "memo", "source_type", "source_id", "reverses_entry_id"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = Date(r.EntryDate);
                p[2].Value = r.Memo;
                p[3].Value = r.SourceType;
                p[4].Value = r.SourceId;
                p[5].Value = (object?)r.ReversesEntryId ?? DBNull.Value;
            }, cancellationToken);

    public Task<int> WriteJournalLinesAsync(IEnumerable<JournalLine> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("journal_lines", ["id", "journal_entry_id", "fund", "account_code", "debit", "credit", "person_id", "employer_id", "institution_id"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.JournalEntryId;
                p[2].Value = (int)r.Fund;
                p[3].Value = r.AccountCode;
                p[4].Value = Decimal(r.Debit);
                p[5].Value = Decimal(r.Credit);
                p[6].Value = (object?)r.PersonId ?? DBNull.Value;
                p[7].Value = (object?)r.EmployerId ?? DBNull.Value;
                p[8].Value = (object?)r.InstitutionId ?? DBNull.Value;
            }, cancellationToken);

    public Task<int> WriteResidentContributionsAsync(IEnumerable<ResidentContribution> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("resident_contributions", ["id", "person_id", "insuplc_admdvs", "year", "individual_amount", "sponsored_amount", "paid_by_person",
                "subsidy_amount", "sponsored_for", "paid_on", "receipt_no", "journal_entry_id"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.PersonId;
                p[2].Value = r.PoolAreaCode;
                p[3].Value = r.Year;
                p[4].Value = Decimal(r.IndividualAmount);
                p[5].Value = Decimal(r.SponsoredAmount);
                p[6].Value = Decimal(r.PaidByPerson);
                p[7].Value = Decimal(r.SubsidyAmount);
                p[8].Value = r.SponsoredFor is { } s ? (int)s : DBNull.Value;
                p[9].Value = Date(r.PaidOn);
                p[10].Value = r.ReceiptNo;
                p[11].Value = r.JournalEntryId;
            }, cancellationToken);

    public Task<int> WriteContributionBasesAsync(IEnumerable<ContributionBase> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("contribution_bases", ["id", "employer_id", "person_id", "insuplc_admdvs", "year", "declared_base", "clct_base", "declared_on"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.EmployerId;
                p[2].Value = r.PersonId;
                p[3].Value = r.PoolAreaCode;
                p[4].Value = r.Year;
                p[5].Value = Decimal(r.DeclaredBase);
                p[6].Value = Decimal(r.ApprovedBase);
                p[7].Value = Date(r.DeclaredOn);
            }, cancellationToken);

    public Task<int> WriteCollectionPlansAsync(IEnumerable<CollectionPlan> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("collection_plans", ["id", "employer_id", "insuplc_admdvs", "period", "headcount", "employer_amount", "employee_amount", "total_amount", "generated_on"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.EmployerId;
                p[2].Value = r.PoolAreaCode;
                p[3].Value = r.Period;
                p[4].Value = r.Headcount;
                p[5].Value = Decimal(r.EmployerAmount);
                p[6].Value = Decimal(r.EmployeeAmount);
                p[7].Value = Decimal(r.TotalAmount);
                p[8].Value = Date(r.GeneratedOn);
            }, cancellationToken);

    public Task<int> WriteCollectionPlanLinesAsync(IEnumerable<CollectionPlanLine> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("collection_plan_lines", ["id", "plan_id", "person_id", "clct_base", "employer_amount", "employee_amount"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.PlanId;
                p[2].Value = r.PersonId;
                p[3].Value = Decimal(r.Base);
                p[4].Value = Decimal(r.EmployerAmount);
                p[5].Value = Decimal(r.EmployeeAmount);
            }, cancellationToken);

    public Task<int> WriteEmployerPaymentsAsync(IEnumerable<EmployerPayment> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("employer_payments", ["id", "employer_id", "period", "amount", "received_on", "ticket_no", "source_file", "journal_entry_id"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.EmployerId;
                p[2].Value = r.Period;
                p[3].Value = Decimal(r.Amount);
                p[4].Value = Date(r.ReceivedOn);
                p[5].Value = r.TicketNo;
                p[6].Value = (object?)r.SourceFile ?? DBNull.Value;
                p[7].Value = r.JournalEntryId;
            }, cancellationToken);

    public Task<int> WriteEncountersAsync(IEnumerable<MedicalEncounter> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("medical_encounters", ["id", "mdtrt_id", "institution_id", "person_id", "psn_no", "insutype", "med_type", "begin_date", "dise_codg", "chronic_disease",
                "ipt_otp_no", "adm_dept_codg", "adm_bed", "endtime", "dscg_maindiag_code", "dscg_way", "insuplc_admdvs", "status", "created_at"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.MdtrtId;
                p[2].Value = r.InstitutionId;
                p[3].Value = r.PersonId;
                p[4].Value = r.PsnNo;
                p[5].Value = r.Insutype;
                p[6].Value = (int)r.MedType;
                p[7].Value = Date(r.BeginDate);
                p[8].Value = (object?)r.DiseCodg ?? DBNull.Value;
                p[9].Value = (object?)r.ChronicDisease ?? DBNull.Value;
                p[10].Value = (object?)r.IptOtpNo ?? DBNull.Value;
                p[11].Value = (object?)r.AdmDeptCodg ?? DBNull.Value;
                p[12].Value = (object?)r.AdmBed ?? DBNull.Value;
                p[13].Value = Date(r.EndDate);
                p[14].Value = (object?)r.DscgMaindiagCode ?? DBNull.Value;
                p[15].Value = (object?)r.DscgWay ?? DBNull.Value;
                p[16].Value = r.PoolAreaCode;
                p[17].Value = (int)r.Status;
                p[18].Value = Timestamp(r.CreatedAt);
            }, cancellationToken);

    public Task<int> WriteFeeDetailsAsync(IEnumerable<FeeDetail> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("fee_details", ["id", "encounter_id", "feedetl_sn", "med_list_codg", "medins_list_name", "cnt", "pric", "det_item_fee_sumamt", "fee_ocur_date", "cancelled", "medc_days"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.EncounterId;
                p[2].Value = r.FeedetlSn;
                p[3].Value = r.MedListCodg;
                p[4].Value = (object?)r.MedinsListName ?? DBNull.Value;
                p[5].Value = Decimal(r.Cnt);
                p[6].Value = Decimal(r.Pric);
                p[7].Value = Decimal(r.DetItemFeeSumamt);
                p[8].Value = Date(r.FeeOcurDate);
                p[9].Value = r.Cancelled ? 1 : 0;
                p[10].Value = (object?)r.MedcDays ?? DBNull.Value;
            }, cancellationToken);

    public Task<int> WriteSettlementsAsync(IEnumerable<SettlementRecord> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("settlements", ["id", "setl_id", "encounter_id", "institution_id", "person_id", "psn_no", "insutype", "med_type", "insuplc_admdvs", "setl_date", "year",
                "policy_version_id", "scheme_name", "place", "filing_no",
                "medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay", "preselfpay_amt", "inscp_scp_amt", "act_pay_dedc", "hifp_pay", "pool_prop_selfpay", "cvlserv_pay",
                "hifob_pay", "hifmi_pay", "hifdm_pay", "maf_pay", "oth_pay", "fund_pay_sumamt", "psn_part_amt", "acct_pay", "psn_cash_pay",
                "explanation_json", "lines_json", "accumulators_before_json", "accumulators_after_json", "review_warnings_json", "status", "journal_entry_id",
                "reversal_journal_entry_id", "created_at", "cancelled_at", "cancel_reason", "cancelled_by"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.SetlId;
                p[2].Value = r.EncounterId;
                p[3].Value = r.InstitutionId;
                p[4].Value = r.PersonId;
                p[5].Value = r.PsnNo;
                p[6].Value = r.Insutype;
                p[7].Value = (int)r.MedType;
                p[8].Value = r.PoolAreaCode;
                p[9].Value = Date(r.SetlDate);
                p[10].Value = r.Year;
                p[11].Value = r.PolicyVersionId;
                p[12].Value = r.SchemeName;
                p[13].Value = (int)r.Place;
                p[14].Value = (object?)r.FilingNo ?? DBNull.Value;
                var i = 15;
                foreach (var v in (ReadOnlySpan<decimal>)[r.MedfeeSumamt, r.FulamtOwnpayAmt, r.OverlmtSelfpay, r.PreselfpayAmt, r.InscpScpAmt, r.ActPayDedc, r.HifpPay,
                    r.PoolPropSelfpay, r.CvlservPay, r.HifobPay, r.HifmiPay, r.HifdmPay, r.MafPay, r.OthPay, r.FundPaySumamt, r.PsnPartAmt, r.AcctPay, r.PsnCashPay])
                {
                    p[i++].Value = Decimal(v);
                }

                p[33].Value = r.ExplanationJson;
                p[34].Value = r.LinesJson;
                p[35].Value = r.AccumulatorsBeforeJson;
                p[36].Value = r.AccumulatorsAfterJson;
                p[37].Value = (object?)r.ReviewWarningsJson ?? DBNull.Value;
                p[38].Value = (int)r.Status;
                p[39].Value = (object?)r.JournalEntryId ?? DBNull.Value;
                p[40].Value = (object?)r.ReversalJournalEntryId ?? DBNull.Value;
                p[41].Value = Timestamp(r.CreatedAt);
                p[42].Value = r.CancelledAt is { } c ? Timestamp(c) : DBNull.Value;
                p[43].Value = (object?)r.CancelReason ?? DBNull.Value;
                p[44].Value = (object?)r.CancelledBy ?? DBNull.Value;
            }, cancellationToken);

    public Task<int> WritePersonAccumulatorsAsync(IEnumerable<PersonAccumulator> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("person_accumulators", ["id", "person_id", "year", "values_json", "version", "updated_at"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.PersonId;
                p[2].Value = r.Year;
                p[3].Value = r.ValuesJson;
                p[4].Value = r.Version;
                p[5].Value = Timestamp(r.UpdatedAt);
            }, cancellationToken);

    /// <summary>DateTime as EF Core's SQLite provider stores it (TEXT, invariant).</summary>
    private static string Timestamp(DateTime v) => v.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>DateOnly as EF Core's SQLite provider stores it.</summary>
    private static object Date(DateOnly? d) => d is { } v ? v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value;

    /// <summary>decimal as EF Core's SQLite provider stores it (TEXT, invariant, at least one decimal place).</summary>
    private static string Decimal(decimal v) => v.ToString("0.0###########################", CultureInfo.InvariantCulture);

    public Task<int> WritePersonalAccountEntriesAsync(IEnumerable<PersonalAccountEntryRecord> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("personal_account_entries", ["id", "account_id", "entry_date", "kind", "amount", "memo", "source_key", "counterpart_person_id", "bank_name", "bank_account_name", "bank_account_no", "journal_entry_id"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.AccountId;
                p[2].Value = Date(r.EntryDate);
                p[3].Value = (int)r.Kind;
                p[4].Value = Decimal(r.Amount);
                p[5].Value = r.Memo;
                p[6].Value = r.SourceKey;
                p[7].Value = r.CounterpartPersonId is { } c ? c : DBNull.Value;
                p[8].Value = (object?)r.BankName ?? DBNull.Value;
                p[9].Value = (object?)r.BankAccountName ?? DBNull.Value;
                p[10].Value = (object?)r.BankAccountNo ?? DBNull.Value;
                p[11].Value = r.JournalEntryId;
            }, cancellationToken);

    public Task<int> WriteFlexibleContributionsAsync(IEnumerable<FlexibleContribution> rows, CancellationToken cancellationToken = default) =>
        InsertAsync("flexible_contributions", ["id", "person_id", "insuplc_admdvs", "period", "clct_base", "rate", "amount", "paid_on", "receipt_no", "journal_entry_id"], rows,
            (p, r) =>
            {
                p[0].Value = r.Id;
                p[1].Value = r.PersonId;
                p[2].Value = r.PoolAreaCode;
                p[3].Value = r.Period;
                p[4].Value = Decimal(r.Base);
                p[5].Value = Decimal(r.Rate);
                p[6].Value = Decimal(r.Amount);
                p[7].Value = Date(r.PaidOn);
                p[8].Value = r.ReceiptNo;
                p[9].Value = r.JournalEntryId;
            }, cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        // AUTOINCREMENT tables track their highest id in sqlite_sequence; explicit ids update it, nothing to reset.
        await RequireTransaction().CommitAsync(cancellationToken);
        await _transaction!.DisposeAsync();
        _transaction = null;
        await RestoreAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
            await RestoreAsync();
        }
    }

    private async Task RestoreAsync()
    {
        if (_connection is not null)
        {
            await ExecAsync("PRAGMA synchronous=FULL;", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
            _connection = null;
        }
    }

    private IDbContextTransaction RequireTransaction() =>
        _transaction ?? throw new InvalidOperationException("批量写入尚未开始（先调用 BeginAsync）");

    private async Task ExecAsync(string sql, CancellationToken cancellationToken)
    {
        await using var cmd = _connection!.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<int> InsertAsync<T>(string table, string[] columns, IEnumerable<T> rows, Action<SqliteParameter[], T> bind, CancellationToken cancellationToken)
    {
        var tx = (SqliteTransaction)RequireTransaction().GetDbTransaction();
        await using var cmd = _connection!.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
        var parameters = new SqliteParameter[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            parameters[i] = cmd.CreateParameter();
            parameters[i].ParameterName = "$p" + i.ToString(CultureInfo.InvariantCulture);
            cmd.Parameters.Add(parameters[i]);
        }

        cmd.Prepare();
        var count = 0;
        foreach (var row in rows)
        {
            bind(parameters, row);
            cmd.ExecuteNonQuery();
            if ((++count & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return count;
    }
}
