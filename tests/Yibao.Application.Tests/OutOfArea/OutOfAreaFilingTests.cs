using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.OutOfArea;
using Yibao.Application.Registry;
using Yibao.Application.Settlement;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.OutOfArea;
using Yibao.Domain.Policies;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.OutOfArea;

public sealed class OutOfAreaFilingTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    internal const string Home = "130123";
    internal const string Away = "110105";
    private const string Amoxicillin = "XJ01CAA040A001010100001";

    internal static async Task<(string PsnNo, long PersonId)> PersonAsync(TestDatabase db, int serial = 246)
    {
        var certno = ResidentId.Create(Home, new DateOnly(1960, 2, 3), serial).Value;
        var reg = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(certno, "王五", Home,
            Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1))])));
        reg.Succeeded.ShouldBeTrue(string.Join("；", reg.Errors.Select(e => e.Message)));
        var person = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Persons.AsNoTracking().SingleAsync(p => p.ResidentId == ResidentId.Parse(certno)));
        return (person.PersonNo, person.Id);
    }

    internal static FileOutOfArea Filing(string psnNo, string type = "1", DateOnly? begin = null, DateOnly? end = null, string? referring = null) =>
        new(psnNo, "390", type, Away, "北京市朝阳区", begin ?? new DateOnly(2025, 3, 1), end, "随子女异地居住", null, "北京朝阳医院", referring);

    private static Task<Yibao.Application.Common.AppResult<FilingView>> FileAsync(TestDatabase db, FileOutOfArea f) =>
        db.InScopeAsync(sp => sp.GetRequiredService<FileOutOfAreaHandler>().HandleAsync(f));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Filing_rules_name_the_field_and_overlapping_valid_filings_are_refused_until_cancelled(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var (psn, _) = await PersonAsync(db);

        var endBeforeStart = await FileAsync(db, Filing(psn, end: new DateOnly(2025, 2, 1)));
        endBeforeStart.Errors.ShouldContain(e => e.Field == "enddate" && e.Message.Contains("不能早于开始日期"));
        var tooLong = await FileAsync(db, Filing(psn, "4", new DateOnly(2025, 3, 1), new DateOnly(2025, 9, 1)));
        tooLong.Errors.ShouldContain(e => e.Field == "enddate" && e.Message.Contains("6 个月"));
        var noEnd = await FileAsync(db, Filing(psn, "4"));
        noEnd.Errors.ShouldContain(e => e.Field == "enddate");
        var referralWithout = await FileAsync(db, Filing(psn, "3", end: new DateOnly(2025, 5, 1)));
        referralWithout.Errors.ShouldContain(e => e.Field == "refl_fixmedins_name" && e.Message.Contains("转出"));
        var notCovered = await FileAsync(db, Filing(psn, begin: new DateOnly(2024, 6, 1)));
        notCovered.Errors.ShouldContain(e => e.Field == "begndate" && e.Message.Contains("参保"));
        var local = await FileAsync(db, Filing(psn) with { DestinationCode = Home });
        local.Errors.ShouldContain(e => e.Field == "mdtrtarea_admdvs");
        var badType = await FileAsync(db, Filing(psn, "9"));
        badType.Errors.ShouldContain(e => e.Field == "fil_type");
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().OutOfAreaFilings.CountAsync())).ShouldBe(0);

        var ok = await FileAsync(db, Filing(psn, end: new DateOnly(2025, 12, 31)));
        ok.Succeeded.ShouldBeTrue(string.Join("；", ok.Errors.Select(e => e.Message)));
        ok.Value!.StatusName.ShouldBe("有效");
        ok.Value.FilingTypeName.ShouldBe("异地长期居住");
        var temporaryOk = await FileAsync(db, Filing(psn, "4", new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30)));
        temporaryOk.Succeeded.ShouldBeTrue(string.Join("；", temporaryOk.Errors.Select(e => e.Message)));

        var overlap = await FileAsync(db, Filing(psn, "2", new DateOnly(2025, 12, 1)));
        overlap.Errors.Single().Code.ShouldBe(FilingErrors.Overlap);
        overlap.Errors.Single().Message.ShouldContain(ok.Value.FilingNo);

        var noReason = await db.InScopeAsync(sp => sp.GetRequiredService<CancelOutOfAreaFilingHandler>().HandleAsync(new CancelOutOfAreaFiling(ok.Value.FilingNo, " ")));
        noReason.Errors.Single().Field.ShouldBe("memo");
        var cancel = await db.InScopeAsync(sp => sp.GetRequiredService<CancelOutOfAreaFilingHandler>().HandleAsync(new CancelOutOfAreaFiling(ok.Value.FilingNo, "已回本地居住")));
        cancel.Succeeded.ShouldBeTrue();
        cancel.Value!.StatusName.ShouldBe("已撤销");
        var again = await db.InScopeAsync(sp => sp.GetRequiredService<CancelOutOfAreaFilingHandler>().HandleAsync(new CancelOutOfAreaFiling(ok.Value.FilingNo, "重复")));
        again.Errors.Single().Code.ShouldBe(FilingErrors.AlreadyCancelled);

        var refiled = await FileAsync(db, Filing(psn, "3", new DateOnly(2025, 6, 1), new DateOnly(2025, 8, 31), "示范县人民医院"));
        refiled.Succeeded.ShouldBeTrue(string.Join("；", refiled.Errors.Select(e => e.Message)));

        var list = await db.InScopeAsync(sp => sp.GetRequiredService<SearchFilingsHandler>().HandleAsync(new SearchFilings(Person: psn)));
        list.TotalCount.ShouldBe(3);
        var valid = await db.InScopeAsync(sp => sp.GetRequiredService<SearchFilingsHandler>().HandleAsync(new SearchFilings(Person: "王", ValidOn: new DateOnly(2025, 7, 1))));
        valid.Items.Single().FilingNo.ShouldBe(refiled.Value!.FilingNo);
        var export = await db.InScopeAsync(sp => sp.GetRequiredService<SearchFilingsHandler>().ExportAsync(new SearchFilings(Status: "2")));
        export.Single()["撤销原因"].ShouldBe("已回本地居住");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Settlement_at_an_institution_of_another_pool_area_uses_the_filed_referral_or_unfiled_branch_and_says_so(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var (psn, _) = await PersonAsync(db);
        var (local, away) = await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var a = new Institution { Code = "H13012300001", Name = "示范县第一卫生院", Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = Home };
            var b = new Institution { Code = "H11010500001", Name = "北京朝阳医院", Type = InstitutionType.Hospital, Level = InstitutionLevel.Third, PoolAreaCode = Away };
            ctx.Institutions.AddRange(a, b);
            await ctx.SaveChangesAsync();
            return (new InstitutionCaller(a.Id, a.Code), new InstitutionCaller(b.Id, b.Code));
        });

        async Task<SettlementView> SettleAsync(InstitutionCaller caller, DateOnly date)
        {
            var r = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterOutpatientHandler>().HandleAsync(caller, new RegisterOutpatient(psn, "390", "11", date)));
            r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
            var up = await db.InScopeAsync(sp => sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(caller, new UploadFeeDetails(r.Value!.MdtrtId, [new FeeDetailInput("1", Amoxicillin, 2, 12.5m, 25m)])));
            up.Succeeded.ShouldBeTrue(string.Join("；", up.Errors.Select(e => e.Message)));
            var s = await db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(caller, new SettleOutpatient(r.Value!.MdtrtId, 25m)));
            s.Succeeded.ShouldBeTrue(string.Join("；", s.Errors.Select(e => e.Message)));
            return s.Value!;
        }

        var home = await SettleAsync(local, new DateOnly(2025, 4, 1));
        home.Explanation[0].ShouldContain("本地");
        var unfiled = await SettleAsync(away, new DateOnly(2025, 4, 2));
        unfiled.Explanation[0].ShouldContain("异地未备案");

        var filed = await FileAsync(db, Filing(psn, "1", new DateOnly(2025, 4, 3), new DateOnly(2025, 5, 31)));
        filed.Succeeded.ShouldBeTrue(string.Join("；", filed.Errors.Select(e => e.Message)));
        var withFiling = await SettleAsync(away, new DateOnly(2025, 4, 10));
        withFiling.Explanation[0].ShouldContain("异地已备案");
        withFiling.Explanation[0].ShouldContain(filed.Value!.FilingNo);

        var referral = await FileAsync(db, Filing(psn, "3", new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 30), "示范县人民医院"));
        referral.Succeeded.ShouldBeTrue(string.Join("；", referral.Errors.Select(e => e.Message)));
        var viaReferral = await SettleAsync(away, new DateOnly(2025, 6, 5));
        viaReferral.Explanation[0].ShouldContain("转诊");

        var stored = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Settlements.AsNoTracking().OrderBy(s => s.Id).ToListAsync());
        stored.Select(s => s.Place).ShouldBe([Place.Local, Place.Unfiled, Place.Filed, Place.Referral]);
        stored[2].FilingNo.ShouldBe(filed.Value.FilingNo);
        stored[3].FilingNo.ShouldBe(referral.Value!.FilingNo);
    }
}
