using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Settlement;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Settlement;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Settlement;

/// <summary>
/// How the hot settlement path writes (bench/Yibao.LoadTest/README.md): an upload's fee lines go out as one multi-row INSERT
/// on PostgreSQL, a settlement and its journal entry in one save, and PostgreSQL connections use generic plans. The
/// outcomes must be the same as row-by-row writes on both engines: ids in upload order, one audit entry for the lines,
/// nothing written when any row fails, and the settlement pointing at its balanced journal entry.
/// </summary>
public sealed class SettlementWriteBatchingTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static FeeDetailInput[] Lines(int n) =>
        [.. Enumerable.Range(1, n).Select(i => OnlineSettlementTests.Line(i.ToString(System.Globalization.CultureInfo.InvariantCulture), OnlineSettlementTests.Amoxicillin, i, 12.5m))];

    /// <summary>A database with the seeded institutions and person, and one outpatient visit with <paramref name="lines"/> uploaded lines.</summary>
    private static async Task<(TestDatabase Db, OnlineSettlementTests.Seeded Seeded, string MdtrtId)> UploadedAsync(string provider, int lines)
    {
        var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        try
        {
            var s = await OnlineSettlementTests.SeedAsync(db);
            return (db, s, await OnlineSettlementTests.RegisterAndUploadAsync(db, s.A, s.PsnNo, Lines(lines)));
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Uploaded_lines_get_ids_in_upload_order_and_one_audit_entry(string provider)
    {
        var (db, s, mdtrt) = await UploadedAsync(provider, 20);
        await using var owned = db;

        var stored = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().FeeDetails.AsNoTracking().OrderBy(f => f.Id).ToListAsync());
        stored.Select(f => f.FeedetlSn).ShouldBe(Enumerable.Range(1, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        stored.Select(f => f.Cnt).ShouldBe(Enumerable.Range(1, 20).Select(i => (decimal)i));
        stored.ShouldAllBe(f => f.DetItemFeeSumamt == f.Cnt * 12.5m);

        var audit = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking().SingleAsync(a => a.Entity == "FeeDetail"));
        audit.EntityKey.ShouldBe($"{stored[0].Id}…{stored[^1].Id}");
        using var json = JsonDocument.Parse(audit.After!);
        json.RootElement.GetProperty("新增行数").GetInt32().ShouldBe(20);
        json.RootElement.GetProperty("各行").EnumerateArray().Select(r => r.GetProperty("Id").GetInt64()).ShouldBe(stored.Select(f => f.Id));

        var setl = await db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.A, new SettleOutpatient(mdtrt, stored.Sum(f => f.DetItemFeeSumamt))));
        setl.Succeeded.ShouldBeTrue(string.Join("；", setl.Errors.Select(e => e.Message)));
    }

    /// <summary>
    /// A settlement holds one connection from register to settle, its stored 事中 rules included: with a pool of one
    /// connection it still goes through (it used to wait for a second connection until the pool's timeout).
    /// </summary>
    [Fact]
    public async Task A_settlement_needs_only_its_own_connection()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Postgres, TestDatabase.SampleReferenceFiles, "Maximum Pool Size=1;Timeout=3");
        var s = await OnlineSettlementTests.SeedAsync(db);
        var mdtrt = await OnlineSettlementTests.RegisterAndUploadAsync(db, s.A, s.PsnNo, Lines(3));
        var setl = await db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.A, new SettleOutpatient(mdtrt, 75m)));
        setl.Succeeded.ShouldBeTrue(string.Join("；", setl.Errors.Select(e => e.Message)));

        // Past the rules' recheck interval the check runs again, in the settling request's transaction.
        db.Clock.Advance(Yibao.Infrastructure.Review.StoredReviewRuleCache.StampInterval + TimeSpan.FromSeconds(1));
        var second = await OnlineSettlementTests.RegisterAndUploadAsync(db, s.A, s.PsnNo, Lines(2));
        (await db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.A, new SettleOutpatient(second, 37.5m)))).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_save_with_one_colliding_line_writes_none_of_them(string provider)
    {
        var (db, _, mdtrt) = await UploadedAsync(provider, 3);
        await using var owned = db;

        // As a concurrent upload of the same feedetl_sn would: the handler's own check passed, the unique key refuses.
        await Should.ThrowAsync<DbUpdateException>(() => db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var e = await ctx.MedicalEncounters.SingleAsync(x => x.MdtrtId == mdtrt);
            foreach (var sn in new[] { "4", "5", "1" })
            {
                ctx.FeeDetails.Add(new FeeDetail { EncounterId = e.Id, FeedetlSn = sn, MedListCodg = OnlineSettlementTests.Amoxicillin, Cnt = 1, Pric = 1, DetItemFeeSumamt = 1, FeeOcurDate = e.BeginDate });
            }

            return await ctx.SaveChangesAsync();
        }));

        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().FeeDetails.CountAsync())).ShouldBe(3);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(a => a.Entity == "FeeDetail"))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_save_of_more_lines_than_one_statement_takes_writes_them_all_in_order(string provider) // 6,501 × 11 columns: over PostgreSQL's 65,535 parameters
    {
        var (db, _, mdtrt) = await UploadedAsync(provider, 1);
        await using var owned = db;
        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var e = await ctx.MedicalEncounters.SingleAsync(x => x.MdtrtId == mdtrt);
            for (var i = 2; i <= 6501; i++)
            {
                ctx.FeeDetails.Add(new FeeDetail { EncounterId = e.Id, FeedetlSn = i.ToString(System.Globalization.CultureInfo.InvariantCulture), MedListCodg = OnlineSettlementTests.Amoxicillin, Cnt = i, Pric = 1, DetItemFeeSumamt = i, FeeOcurDate = e.BeginDate });
            }

            return await ctx.SaveChangesAsync();
        });

        var stored = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().FeeDetails.AsNoTracking().OrderBy(f => f.Id).Select(f => f.Cnt).ToListAsync());
        stored.ShouldBe(Enumerable.Range(1, 6501).Select(i => (decimal)i));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_settlement_points_at_its_own_balanced_journal_entry(string provider)
    {
        var (db, s, mdtrt) = await UploadedAsync(provider, 4);
        await using var owned = db;
        var total = Lines(4).Sum(l => l.DetItemFeeSumamt);
        var setl = await db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.A, new SettleOutpatient(mdtrt, total)));
        setl.Succeeded.ShouldBeTrue(string.Join("；", setl.Errors.Select(e => e.Message)));

        var (record, entry) = await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var r = await ctx.Settlements.AsNoTracking().SingleAsync(x => x.SetlId == setl.Value!.SetlId);
            var j = await ctx.JournalEntries.AsNoTracking().Include(x => x.Lines).SingleAsync(x => x.SourceId == r.SetlId);
            return (r, j);
        });
        record.FundPaySumamt.ShouldBeGreaterThan(0m);
        record.JournalEntryId.ShouldBe(entry.Id);
        entry.Lines.Sum(l => l.Debit).ShouldBe(entry.Lines.Sum(l => l.Credit));
        entry.Lines.Where(l => l.AccountCode == Yibao.Domain.Funds.LedgerAccounts.InstitutionPayable).Sum(l => l.Credit).ShouldBe(record.FundPaySumamt + record.AcctPay);
    }

    [Fact]
    public void PostgreSQL_connections_use_generic_plans_unless_the_connection_string_says_otherwise()
    {
        new Npgsql.NpgsqlConnectionStringBuilder(DbContextOptionsFactory.PooledPostgres("Host=db;Database=yibao")).Options
            .ShouldBe("-c plan_cache_mode=force_generic_plan");
        new Npgsql.NpgsqlConnectionStringBuilder(DbContextOptionsFactory.PooledPostgres("Host=db;Options=-c search_path=yb")).Options
            .ShouldBe("-c search_path=yb -c plan_cache_mode=force_generic_plan");
        new Npgsql.NpgsqlConnectionStringBuilder(DbContextOptionsFactory.PooledPostgres("Host=db;Options=-c plan_cache_mode=auto")).Options
            .ShouldBe("-c plan_cache_mode=auto");
    }
}
