using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Settlement;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Settlement;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Settlement;

/// <summary>
/// An upload (2204) still in progress when the institution settles (2207) — e.g. the HIS gave up waiting for the upload's
/// answer and went on: the settlement waits for the upload and counts its lines, so no encounter is ever settled while
/// lines uploaded meanwhile stay outside the settlement. Both take the person's settlement lock.
/// </summary>
public sealed class FeeUploadConcurrencyTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_settlement_waits_for_an_upload_in_progress_and_counts_its_lines(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await OnlineSettlementTests.SeedAsync(db);
        var mdtrt = await OnlineSettlementTests.RegisterAndUploadAsync(db, s.A, s.PsnNo,
            OnlineSettlementTests.Line("1", OnlineSettlementTests.Amoxicillin, 1, 12.5m), OnlineSettlementTests.Line("2", OnlineSettlementTests.Amoxicillin, 2, 12.5m));

        // The upload has written its line but not committed yet.
        await using var upload = db.Services.CreateAsyncScope();
        var ctx = upload.ServiceProvider.GetRequiredService<AppDbContext>();
        var tx = await ctx.Database.BeginTransactionAsync(ct);
        var more = await upload.ServiceProvider.GetRequiredService<UploadFeeDetailsHandler>()
            .HandleAsync(s.A, new UploadFeeDetails(mdtrt, [OnlineSettlementTests.Line("3", OnlineSettlementTests.Amoxicillin, 3, 12.5m)]), ct);
        more.Succeeded.ShouldBeTrue(string.Join("；", more.Errors.Select(e => e.Message)));

        // The institution settles the 37.50 元 it knows of.
        var settling = Task.Run(() => db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.A, new SettleOutpatient(mdtrt, 37.5m), ct)), ct);
        await Task.Delay(500, ct);
        await tx.CommitAsync(ct);
        await tx.DisposeAsync();
        var setl = await settling;

        // It saw the third line: the total no longer matches, nothing is settled, and the encounter stays open with all lines.
        setl.Succeeded.ShouldBeFalse();
        setl.Errors.Single().Code.ShouldBe(SettlementErrors.TotalMismatch);
        var e = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().MedicalEncounters.AsNoTracking().Include(x => x.FeeDetails).SingleAsync(x => x.MdtrtId == mdtrt, ct));
        e.Status.ShouldBe(EncounterStatus.Registered);
        e.FeeDetails.Sum(f => f.DetItemFeeSumamt).ShouldBe(75m);
        var full = await db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(s.A, new SettleOutpatient(mdtrt, 75m), ct));
        full.Succeeded.ShouldBeTrue(string.Join("；", full.Errors.Select(x => x.Message)));
    }
}
