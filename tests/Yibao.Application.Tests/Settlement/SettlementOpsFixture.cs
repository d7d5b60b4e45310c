using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Registry;
using Yibao.Application.Settlement;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Settlement;

/// <summary>Two institutions, one insured resident, and helpers to settle real outpatient visits through the online handlers.</summary>
internal static class SettlementOpsFixture
{
    public const string Amoxicillin = "XJ01CAA040A001010100001";
    public static readonly DateOnly Visit = new(2025, 6, 10);

    public sealed record Seeded(InstitutionCaller A, InstitutionCaller B, string PsnNo, long PersonId, string Certno);

    public static async Task<Seeded> SeedAsync(TestDatabase db, int serial = 246, string name = "王五")
    {
        var ids = await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var a = await ctx.Institutions.FirstOrDefaultAsync(i => i.Code == "H13012300001");
            var b = await ctx.Institutions.FirstOrDefaultAsync(i => i.Code == "H13012300002");
            if (a is null || b is null)
            {
                a = new Institution { Code = "H13012300001", Name = "示范县第一卫生院", Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" };
                b = new Institution { Code = "H13012300002", Name = "示范县第二卫生院", Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" };
                ctx.Institutions.AddRange(a, b);
                await ctx.SaveChangesAsync();
            }

            return (new InstitutionCaller(a.Id, a.Code), new InstitutionCaller(b.Id, b.Code));
        });
        var certno = ResidentId.Create("130123", new DateOnly(1960, 2, 3), serial).Value;
        var reg = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(certno, name, "130123",
            Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1))])));
        reg.Succeeded.ShouldBeTrue(string.Join("；", reg.Errors.Select(e => e.Message)));
        var person = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Persons.AsNoTracking().SingleAsync(p => p.ResidentId == ResidentId.Parse(certno)));
        return new Seeded(ids.Item1, ids.Item2, person.PersonNo, person.Id, certno);
    }

    public static FeeDetailInput Line(string sn, string code, decimal cnt, decimal pric) =>
        new(sn, code, cnt, pric, Math.Round(cnt * pric, 2, MidpointRounding.AwayFromZero));

    /// <summary>Registers, uploads and settles one visit; returns the settlement.</summary>
    public static async Task<SettlementView> SettleAsync(TestDatabase db, InstitutionCaller caller, string psnNo, params FeeDetailInput[] lines)
    {
        var r = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterOutpatientHandler>().HandleAsync(caller, new RegisterOutpatient(psnNo, "390", "11", Visit)));
        r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
        var up = await db.InScopeAsync(sp => sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(caller, new UploadFeeDetails(r.Value!.MdtrtId, lines)));
        up.Succeeded.ShouldBeTrue(string.Join("；", up.Errors.Select(e => e.Message)));
        var total = lines.Sum(l => l.DetItemFeeSumamt);
        var s = await db.InScopeAsync(sp => sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(caller, new SettleOutpatient(r.Value!.MdtrtId, total)));
        s.Succeeded.ShouldBeTrue(string.Join("；", s.Errors.Select(e => e.Message)));
        return s.Value!;
    }

    public static async Task AssertLedgerBalancedAsync(TestDatabase db)
    {
        var lines = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Set<JournalLine>().AsNoTracking().ToListAsync());
        foreach (var fund in lines.GroupBy(l => l.Fund))
        {
            fund.Sum(l => l.Debit).ShouldBe(fund.Sum(l => l.Credit), $"{fund.Key} 借贷不平");
        }
    }
}
