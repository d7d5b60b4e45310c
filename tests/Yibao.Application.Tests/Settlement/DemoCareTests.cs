using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Accounts;
using Yibao.Application.Funds;
using Yibao.Application.Review;
using Yibao.Application.Settlement;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Accounts;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Funds;
using Yibao.Domain.Policies;
using Yibao.Domain.Review;
using Yibao.Domain.Settlement;
using Yibao.Infrastructure.Demo;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Settlement;

/// <summary>
/// The demo county's generated year of care (yibao demo seed) is internally consistent on both engines: fee lines add up to
/// medfee_sumamt, every journal entry balances per fund and pays exactly what the settlement's funds paid, the accumulators
/// are the chained sum of the person's settlements, each 月结算单 equals its settlements, 职工 pay from their personal accounts
/// (credited by the monthly job, as yibao demo seed does) without a balance ever going negative, and the trial balance balances.
/// </summary>
public sealed class DemoCareTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private const int Insured = 700;
    private const long Seed = 11;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seeded_year_of_care_is_consistent_with_statements_accumulators_and_ledger(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 5, 2, 0, 0, TimeSpan.Zero)); // the year has ended: contributions, 划入 and 月结算单 of 2026-01 to 2026-12
        var county = await db.InScopeAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedAsync(new DemoCountyOptions(Insured, Seed)));
        county.Succeeded.ShouldBeTrue(string.Join("；", county.Errors.Select(e => e.Message)));
        var credited = await db.InScopeAsync(sp => DemoContributions.CreditAccountsAsync(sp.GetRequiredService<CreditPersonalAccountsHandler>(), county.Value!.Employee!, null,
            TestContext.Current.CancellationToken));
        credited.Value.ShouldBe(12);
        var catalog = await db.InScopeAsync(sp => sp.GetRequiredService<CatalogPolicySeeder>().SeedAsync(DemoCountyGenerator.CountyCode));
        catalog.Succeeded.ShouldBeTrue(string.Join("；", catalog.Errors.Select(e => e.Message)));

        var run = await db.InScopeAsync(sp => sp.GetRequiredService<DemoCareSeeder>().SeedAsync(Seed));
        run.Succeeded.ShouldBeTrue(string.Join("；", run.Errors.Select(e => e.Message)));
        var care = run.Value!;
        var c = care.Counts;
        care.Persons.ShouldBe(Insured);
        c.Outpatient.ShouldBeGreaterThan(0);
        c.Pharmacy.ShouldBeGreaterThan(0);
        c.Chronic.ShouldBeGreaterThan(0);
        c.Inpatient.ShouldBeGreaterThan(0);
        c.Filings.ShouldBeGreaterThan(0);
        c.NonLocal.ShouldBeGreaterThan(0);
        c.ClassCLines.ShouldBeGreaterThan(0);
        c.OutOfCatalogLines.ShouldBeGreaterThan(0);
        care.ManualReimbursements.ShouldBeGreaterThan(0);
        // About 3 benefit events per insured person a year, and realistic admission rates.
        ((double)c.Settlements / Insured).ShouldBeInRange(2.2, 4.0);
        ((double)c.Inpatient / Insured).ShouldBeInRange(0.10, 0.30);

        await using var scope = db.Services.CreateAsyncScope();
        var ctx = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var settlements = await ctx.Settlements.AsNoTracking().OrderBy(s => s.Id).ToListAsync(TestContext.Current.CancellationToken);
        settlements.Count.ShouldBe(c.Settlements);
        (await ctx.FeeDetails.CountAsync(TestContext.Current.CancellationToken)).ShouldBe((int)c.FeeLines);
        (await ctx.MedicalEncounters.CountAsync(e => e.Status == EncounterStatus.Settled, TestContext.Current.CancellationToken)).ShouldBe(c.Settlements);
        settlements.Where(s => s.Place != Place.Local).ShouldNotBeEmpty();
        settlements.Where(s => s.FilingNo != null).ShouldNotBeEmpty();

        // Fee lines add up to medfee_sumamt, and the engine's identity holds (fund + person = total).
        var lineSums = await ctx.FeeDetails.AsNoTracking().GroupBy(f => f.EncounterId)
            .Select(g => new { g.Key, Total = g.Sum(f => f.DetItemFeeSumamt), Count = g.Count() }).ToDictionaryAsync(x => x.Key, TestContext.Current.CancellationToken);
        foreach (var s in settlements)
        {
            lineSums[s.EncounterId].Total.ShouldBe(s.MedfeeSumamt, s.SetlId);
            (s.FundPaySumamt + s.PsnPartAmt).ShouldBe(s.MedfeeSumamt, s.SetlId);
        }

        // Outpatient 2–8 lines (pharmacy 1–5), admissions 10–600.
        foreach (var s in settlements)
        {
            var n = lineSums[s.EncounterId].Count;
            if (s.MedType == Domain.Catalogs.VisitType.Inpatient)
            {
                n.ShouldBeInRange(10, 600, s.SetlId);
            }
            else
            {
                n.ShouldBeInRange(1, 12, s.SetlId);
            }
        }

        // Every journal entry balances per fund; a settlement's entry credits the institution payable with what its funds paid.
        var lines = await ctx.Set<JournalLine>().AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        foreach (var g in lines.GroupBy(l => (l.JournalEntryId, l.Fund)))
        {
            g.Sum(l => l.Debit).ShouldBe(g.Sum(l => l.Credit), $"凭证 {g.Key.JournalEntryId} {g.Key.Fund} 借贷不平");
        }

        var byEntry = lines.ToLookup(l => l.JournalEntryId);
        foreach (var s in settlements)
        {
            var paid = s.FundPaySumamt + s.AcctPay;
            if (s.JournalEntryId is { } id)
            {
                byEntry[id].Where(l => l.AccountCode == LedgerAccounts.InstitutionPayable && l.InstitutionId == s.InstitutionId).Sum(l => l.Credit).ShouldBe(paid, s.SetlId);
            }
            else
            {
                paid.ShouldBe(0m, s.SetlId);
            }
        }

        // Accumulators: each settlement starts from the previous one's result, and the stored year-to-date values are the
        // sum of the person's settlements (and approved manual reimbursements).
        var reimbursements = await ctx.ManualReimbursements.AsNoTracking().Where(r => r.Status == ReimbursementStatus.Approved).ToListAsync(TestContext.Current.CancellationToken);
        reimbursements.Count.ShouldBe(care.ManualReimbursements);
        reimbursements.ShouldAllBe(r => r.PaidDate != null && r.JournalEntryId != null);
        var accumulators = await ctx.PersonAccumulators.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        var byPerson = settlements.ToLookup(s => s.PersonId);
        accumulators.Select(a => a.PersonId).Distinct().Count().ShouldBe(accumulators.Count);
        foreach (var a in accumulators)
        {
            var sum = new Dictionary<string, decimal>(StringComparer.Ordinal);
            string? previous = null;
            var increments = byPerson[a.PersonId].Select(s => (s.AccumulatorsBeforeJson, s.AccumulatorsAfterJson))
                .Concat(reimbursements.Where(r => r.PersonId == a.PersonId).Select(r => (r.AccumulatorsBeforeJson!, r.AccumulatorsAfterJson!)));
            foreach (var (before, after) in increments)
            {
                if (previous is not null)
                {
                    before.ShouldBe(previous, $"人员 {a.PersonId} 的累计未按时间顺序衔接");
                }

                previous = after;
                var b = OnlineSettlement.ReadAccumulators(before);
                foreach (var (k, v) in OnlineSettlement.ReadAccumulators(after))
                {
                    sum[k] = sum.GetValueOrDefault(k) + v - b.GetValueOrDefault(k);
                }
            }

            var stored = OnlineSettlement.ReadAccumulators(a.ValuesJson);
            foreach (var key in stored.Keys.Union(sum.Keys))
            {
                stored.GetValueOrDefault(key).ShouldBe(sum.GetValueOrDefault(key), $"人员 {a.PersonId} 累计 {key}");
            }
        }

        // 月结算单 = the month's settlements of the institution, and what it owes = what their funds paid.
        var statements = scope.ServiceProvider.GetRequiredService<GetMonthlyStatementHandler>();
        var codes = await ctx.Institutions.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Code, TestContext.Current.CancellationToken);
        foreach (var g in settlements.GroupBy(s => (s.InstitutionId, s.SetlDate.Year, s.SetlDate.Month)).Take(150))
        {
            var st = await statements.HandleAsync(new GetMonthlyStatement(codes[g.Key.InstitutionId], g.Key.Year, g.Key.Month), TestContext.Current.CancellationToken);
            st.Succeeded.ShouldBeTrue();
            st.Value!.SettledCount.ShouldBe(g.Count());
            st.Value.Fields.Single(f => f.Code == "medfee_sumamt").Settled.ShouldBe(g.Sum(s => s.MedfeeSumamt));
            st.Value.Fields.Single(f => f.Code == "fund_pay_sumamt").Settled.ShouldBe(g.Sum(s => s.FundPaySumamt));
            st.Value.TotalOwed.ShouldBe(g.Sum(s => s.FundPaySumamt + s.AcctPay));
        }

        // Stored 月结算单 for every month of the year (generated by the seed through GenerateStatementsHandler): one per institution
        // and month with settlements, each frozen with exactly the totals of its settlements; /Funds/Statements lists them.
        care.Statements.ShouldBeGreaterThan(0);
        care.StatementMonths.ShouldBe(12);
        var frozen = await ctx.StoredStatements.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        frozen.Count.ShouldBe(care.Statements);
        frozen.Select(x => x.Month).Distinct().Count().ShouldBe(12);
        var months = settlements.ToLookup(s => (s.InstitutionId, s.SetlDate.Year, s.SetlDate.Month));
        frozen.Count.ShouldBe(months.Count);
        foreach (var st in frozen)
        {
            var g = months[(st.InstitutionId, st.Year, st.Month)].ToList();
            st.Year.ShouldBe(2026);
            st.SettledCount.ShouldBe(g.Count, st.StatementNo);
            st.CancelledCount.ShouldBe(0, st.StatementNo);
            st.GeneratedBy.ShouldBe("演示财务");
            st.GeneratedAt.ShouldBe(new DateOnly(st.Year, st.Month, 1).AddMonths(1).ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc));
            var fields = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, decimal>>(st.FieldsJson)!;
            fields["medfee_sumamt"].ShouldBe(g.Sum(s => s.MedfeeSumamt), st.StatementNo);
            fields["fund_pay_sumamt"].ShouldBe(g.Sum(s => s.FundPaySumamt), st.StatementNo);
            fields["hifp_pay"].ShouldBe(g.Sum(s => s.HifpPay), st.StatementNo);
            fields["acct_pay"].ShouldBe(g.Sum(s => s.AcctPay), st.StatementNo);
            fields["psn_cash_pay"].ShouldBe(g.Sum(s => s.PsnCashPay), st.StatementNo);
            st.TotalOwed.ShouldBe(g.Sum(s => s.FundPaySumamt + s.AcctPay), st.StatementNo);
            st.TotalDeducted.ShouldBe(0m);
        }

        var listed = await scope.ServiceProvider.GetRequiredService<ListStoredStatementsHandler>()
            .HandleAsync(new ListStoredStatements(2026, 6), TestContext.Current.CancellationToken);
        listed.Count.ShouldBe(frozen.Count(x => x.Month == 6));
        listed.ShouldAllBe(v => v.Status == "1" && v.GeneratedBy == "演示财务");

        // 职工个人账户: settlements paid from the account (acct_pay) with one 支付 entry each on the settlement's journal entry,
        // balances never negative in date order, credits − payments = stored balance = 2201 个人账户结存 of the person.
        c.AccountPayments.ShouldBeGreaterThan(0);
        var paidFromAccount = settlements.Where(s => s.AcctPay > 0).ToList();
        paidFromAccount.Count.ShouldBe(c.AccountPayments);
        paidFromAccount.Sum(s => s.AcctPay).ShouldBe(c.AcctPaySumamt);
        paidFromAccount.ShouldAllBe(s => s.PsnCashPay == s.PsnPartAmt - s.AcctPay);
        paidFromAccount.Select(s => s.MedType).Distinct().Count().ShouldBeGreaterThan(1);
        var accounts = await ctx.PersonalAccounts.AsNoTracking().Include(a => a.Entries).ToListAsync(TestContext.Current.CancellationToken);
        accounts.ShouldNotBeEmpty();
        var payments = accounts.SelectMany(a => a.Entries.Where(x => x.Kind == AccountEntryKind.Payment).Select(x => (a.PersonId, Entry: x))).ToList();
        payments.Count.ShouldBe(c.AccountPayments);
        var bySetl = paidFromAccount.ToDictionary(s => AccountPayment.PaymentKey(s.SetlId));
        foreach (var (personId, x) in payments)
        {
            var s = bySetl[x.SourceKey];
            s.PersonId.ShouldBe(personId);
            x.Amount.ShouldBe(-s.AcctPay, s.SetlId);
            x.EntryDate.ShouldBe(s.SetlDate, s.SetlId);
            x.JournalEntryId.ShouldBe(s.JournalEntryId!.Value, s.SetlId);
            byEntry[x.JournalEntryId].Where(l => l.Fund == FundCode.EmployeePersonalAccount && l.AccountCode == LedgerAccounts.PersonalAccountBalance && l.PersonId == personId)
                .Sum(l => l.Debit).ShouldBe(s.AcctPay, s.SetlId);
        }

        var ledger2201 = lines.Where(l => l.Fund == FundCode.EmployeePersonalAccount && l.AccountCode == LedgerAccounts.PersonalAccountBalance)
            .GroupBy(l => l.PersonId).ToDictionary(g => g.Key ?? 0, g => g.Sum(l => l.Credit - l.Debit));
        foreach (var a in accounts)
        {
            var running = 0m;
            foreach (var x in a.Entries.OrderBy(x => x.EntryDate).ThenBy(x => x.Id))
            {
                running += x.Amount;
                running.ShouldBeGreaterThanOrEqualTo(0m, $"人员 {a.PersonId} 的个人账户在 {x.EntryDate:yyyy-MM-dd} 为负");
            }

            var credits = a.Entries.Where(x => x.Kind == AccountEntryKind.Credit).Sum(x => x.Amount);
            var paid = settlements.Where(s => s.PersonId == a.PersonId).Sum(s => s.AcctPay);
            (credits - paid).ShouldBe(running, $"人员 {a.PersonId}：划入 − 支付 ≠ 余额");
            ledger2201.GetValueOrDefault(a.PersonId).ShouldBe(running, $"人员 {a.PersonId}：2201 个人账户结存 ≠ 余额");
        }

        // What the person page shows (个人账户 balance) is that balance.
        var accountView = scope.ServiceProvider.GetRequiredService<GetPersonalAccountHandler>();
        foreach (var a in accounts.Where(a => a.Entries.Any(x => x.Kind == AccountEntryKind.Payment)).Take(20))
        {
            var view = await accountView.HandleAsync(new GetPersonalAccount(a.PersonId), TestContext.Current.CancellationToken);
            view!.Balance.ShouldBe(a.Entries.Sum(x => x.Amount));
            view.Balance.ShouldBe(ledger2201[a.PersonId]);
            view.Entries.ShouldContain(r => r.Kind == AccountEntryKind.Payment && r.Memo.Contains("结算 S", StringComparison.Ordinal));
        }

        var trial = await scope.ServiceProvider.GetRequiredService<GetTrialBalanceHandler>()
            .HandleAsync(new GetTrialBalance(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31)), TestContext.Current.CancellationToken);
        trial.Value!.Balanced.ShouldBeTrue();

        // Only empty: a second run refuses.
        var again = await db.InScopeAsync(sp => sp.GetRequiredService<DemoCareSeeder>().SeedAsync(Seed));
        again.Succeeded.ShouldBeFalse();
        again.Errors[0].Code.ShouldBe("care-not-empty");
    }
    /// <summary>
    /// With 事中 rules enabled (the sample rule set imported into review_rules, as `yibao review rules import` does), the seed checks
    /// every encounter before its calculation like 2207/2304: 明确 findings make their lines 全自费 with the rule and reason, 可疑
    /// ones are stored as warnings, and the live loader (InlineReviewInput.CheckAsync over the stored encounters) finds exactly
    /// the same on every settlement.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Seeded_year_is_reviewed_inline_with_the_enabled_rules_exactly_as_live_settlement(string provider)
    {
        const int insured = 400;
        var ct = TestContext.Current.CancellationToken;
        await using var db = await TestDatabase.CreateAsync(provider);
        (await db.InScopeAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedAsync(new DemoCountyOptions(insured, Seed) { EmployeeContributions = false }))).Succeeded.ShouldBeTrue();
        (await db.InScopeAsync(sp => sp.GetRequiredService<CatalogPolicySeeder>().SeedAsync(DemoCountyGenerator.CountyCode))).Succeeded.ShouldBeTrue();
        var rulesFile = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(rulesFile!.FullName, "samples", "review", "shifanxian-rules.json")))
        {
            rulesFile = rulesFile.Parent;
        }

        var json = await File.ReadAllTextAsync(Path.Combine(rulesFile.FullName, "samples", "review", "shifanxian-rules.json"), ct);
        var imported = await db.InScopeAsync(sp => sp.GetRequiredService<ImportReviewRulesHandler>().HandleAsync(new ImportReviewRules(json), ct));
        imported.Succeeded.ShouldBeTrue(string.Join("；", imported.Errors.Select(e => e.Message)));

        var run = await db.InScopeAsync(sp => sp.GetRequiredService<DemoCareSeeder>().SeedAsync(Seed, ct));
        run.Succeeded.ShouldBeTrue(string.Join("；", run.Errors.Select(e => e.Message)));
        var care = run.Value!;
        var c = care.Counts;
        care.ReviewRuleSetId.ShouldNotBeNull();
        c.Reviewed.ShouldBe(c.Settlements);
        c.ReviewDeductedLines.ShouldBeGreaterThan(0);
        c.ReviewDeductedAmount.ShouldBeGreaterThan(0m);

        await using var scope = db.Services.CreateAsyncScope();
        var ctx = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var reviewer = (await scope.ServiceProvider.GetRequiredService<IReviewRuleSource>().GetInlineReviewerAsync(ct)).Reviewer!;
        var settlements = await ctx.Settlements.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        var institutions = await ctx.Institutions.AsNoTracking().ToDictionaryAsync(i => i.Id, ct);
        var deductedLines = 0;
        var warnings = 0;
        foreach (var s in settlements)
        {
            s.ExplanationJson.ShouldContain($"智能审核（事中，规则集 {care.ReviewRuleSetId}）");

            // What the stored settlement says: the lines made 全自费 by a rule (feedetl_sn and rule id) and the warnings.
            var stored = new List<string>();
            foreach (var line in System.Text.Json.JsonSerializer.Deserialize<List<System.Text.Json.JsonElement>>(s.LinesJson)!)
            {
                var memo = line.GetProperty("memo").ValueKind == System.Text.Json.JsonValueKind.String ? line.GetProperty("memo").GetString()! : "";
                if (memo.StartsWith("智能审核明确违规：[", StringComparison.Ordinal))
                {
                    line.GetProperty("fulamt_ownpay_amt").GetDecimal().ShouldBe(line.GetProperty("det_item_fee_sumamt").GetDecimal(), s.SetlId);
                    stored.Add(line.GetProperty("feedetl_sn").GetString() + memo[memo.IndexOf('[', StringComparison.Ordinal)..(memo.IndexOf(']', StringComparison.Ordinal) + 1)]);
                }
            }

            var storedWarnings = s.ReviewWarningsJson is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<ReviewWarningView>>(s.ReviewWarningsJson)!;
            deductedLines += stored.Count;
            warnings += storedWarnings.Count;

            // What a live settlement of this encounter would have found: the live loader over the stored encounters.
            var e = await ctx.MedicalEncounters.AsNoTracking().Include(x => x.FeeDetails).FirstAsync(x => x.Id == s.EncounterId, ct);
            var person = await ctx.Persons.AsNoTracking().FirstAsync(p => p.Id == s.PersonId, ct);
            var lines = e.FeeDetails.OrderBy(f => f.Id).ToList();
            var fee = lines.Select(f => new FeeLine(f.MedListCodg, f.Cnt, f.Pric, f.DetItemFeeSumamt, f.FeeOcurDate)).ToArray();
            var inpatient = e.MedType == VisitType.Inpatient;
            var encounter = new Encounter
            {
                Id = e.MdtrtId, VisitType = e.MedType, InstitutionLevel = institutions[e.InstitutionId].Level, AdmissionDate = e.BeginDate,
                DischargeDate = inpatient ? e.EndDate!.Value : e.BeginDate,
                Diagnoses = ((inpatient ? e.DscgMaindiagCode ?? e.DiseCodg : e.DiseCodg) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
            var live = await InlineReviewInput.CheckAsync(ctx, reviewer, person, e, institutions[e.InstitutionId], encounter, fee, lines.Select(l => l.MedcDays ?? 0).ToArray(), ct);
            live.Deductions.Select(d => lines[d.Line].FeedetlSn + "[" + d.RuleId + "]").Order(StringComparer.Ordinal)
                .ShouldBe(stored.Order(StringComparer.Ordinal), s.SetlId);
            live.Warnings.Select(w => w.RuleId + w.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal)
                .ShouldBe(storedWarnings.Select(w => w.RuleId + w.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal), s.SetlId);
        }

        deductedLines.ShouldBe(c.ReviewDeductedLines);
        warnings.ShouldBe(c.ReviewWarnings);

        // The money follows: journal entries still pay exactly what the funds paid, and the books balance.
        var trial = await scope.ServiceProvider.GetRequiredService<GetTrialBalanceHandler>()
            .HandleAsync(new GetTrialBalance(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31)), ct);
        trial.Value!.Balanced.ShouldBeTrue();
    }
}
