using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Registry;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Common;

namespace Yibao.Application.Tests.Registry;

/// <summary>The read side of the registry screens: person search (masked or not), person detail, employer list and staff.</summary>
public sealed class RegistryQueryTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Search_detail_and_employer_staff_work_on_both_engines(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await RegistryTests.SeedEmployerAsync(db);
        var certno = ResidentId.Create("130123", new DateOnly(1980, 5, 6), 321).Value;
        var registered = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(certno, "王建国", "130123",
            Enrollments: [new EnrollPerson("-", "310", "11", new DateOnly(2020, 1, 1), "E001")])));
        registered.Succeeded.ShouldBeTrue(string.Join("；", registered.Errors.Select(e => e.Message)));
        await db.InScopeAsync(sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(new RegisterPerson(
            ResidentId.Create("130123", new DateOnly(2010, 5, 6), 322).Value, "李小明", "130123",
            Enrollments: [new EnrollPerson("-", "390", "21", new DateOnly(2020, 1, 1))])));

        var byId = await db.InScopeAsync(sp => sp.GetRequiredService<SearchPersonsHandler>().HandleAsync(new SearchPersons(certno, ShowFullId: true)));
        byId.TotalCount.ShouldBe(1);
        byId.Items[0].Certno.ShouldBe(certno);
        byId.Items[0].Insurance.ShouldBe("310 在职");

        var masked = await db.InScopeAsync(sp => sp.GetRequiredService<SearchPersonsHandler>().HandleAsync(new SearchPersons("王")));
        masked.Items.Single().Certno.ShouldBe(Masking.ResidentId(certno));
        (await db.InScopeAsync(sp => sp.GetRequiredService<SearchPersonsHandler>().HandleAsync(new SearchPersons(registered.Value!.PersonNo)))).TotalCount.ShouldBe(1);
        (await db.InScopeAsync(sp => sp.GetRequiredService<SearchPersonsHandler>().HandleAsync(new SearchPersons(null, PageSize: 1, Page: 9)))).Page.ShouldBe(2);
        var export = await db.InScopeAsync(sp => sp.GetRequiredService<SearchPersonsHandler>().ExportAsync(new SearchPersons(null)));
        export.Count.ShouldBe(2);
        export[0].Keys.ShouldContain("证件号码");

        var detail = await db.InScopeAsync(sp => sp.GetRequiredService<GetPersonDetailHandler>().HandleAsync(new GetPersonDetail(registered.Value!.Id)));
        detail.ShouldNotBeNull();
        detail.Certno.ShouldBe(Masking.ResidentId(certno));
        detail.Enrollments.Single().EmployerNo.ShouldBe("E001");
        detail.Enrollments.Single().Enrollment.Events.Count.ShouldBe(1);
        (await db.InScopeAsync(sp => sp.GetRequiredService<GetPersonDetailHandler>().HandleAsync(new GetPersonDetail(999_999)))).ShouldBeNull();

        var employers = await db.InScopeAsync(sp => sp.GetRequiredService<SearchEmployersHandler>().HandleAsync(new SearchEmployers("机械")));
        employers.Items.Single().Staff.ShouldBe(1);
        (await db.InScopeAsync(sp => sp.GetRequiredService<SearchEmployersHandler>().ExportAsync(new SearchEmployers(null)))).Single()["参保人数"].ShouldBe(1);
        var staff = await db.InScopeAsync(sp => sp.GetRequiredService<GetEmployerDetailHandler>().HandleAsync(new GetEmployerDetail(employers.Items[0].Id)));
        staff!.InService.ShouldBe(1);
        staff.Staff.Items.Single().Name.ShouldBe("王建国");
    }
}
