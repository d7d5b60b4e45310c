using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Registry;

namespace Yibao.Application.Registry;

/// <summary>
/// 参保资格查询 (national 1101 semantics): person, 险种 in force on the date with category and status, special statuses,
/// and the 待遇享受 period computed from the waiting-period rules. <see cref="Date"/> null = today in China.
/// </summary>
public sealed record GetEligibility(string Person, DateOnly? Date = null);

/// <summary>1101 output: baseinfo, insuinfo, idetinfo (national field names).</summary>
public sealed record EligibilityView(
    [property: JsonPropertyName("baseinfo")] EligibilityPerson BaseInfo,
    [property: JsonPropertyName("insuinfo")] IReadOnlyList<EligibilityInsurance> InsuInfo,
    [property: JsonPropertyName("idetinfo")] IReadOnlyList<EligibilityIdentity> IdetInfo,
    [property: JsonPropertyName("qry_date")] DateOnly Date);

public sealed record EligibilityPerson(
    [property: JsonPropertyName("psn_no")] string PsnNo,
    [property: JsonPropertyName("psn_cert_type")] string PsnCertType,
    [property: JsonPropertyName("certno")] string Certno,
    [property: JsonPropertyName("psn_name")] string PsnName,
    [property: JsonPropertyName("gend")] string Gend,
    [property: JsonPropertyName("brdy")] DateOnly Brdy,
    [property: JsonPropertyName("age")] int Age,
    [property: JsonPropertyName("insuplc_admdvs")] string InsuplcAdmdvs);

public sealed record EligibilityInsurance(
    [property: JsonPropertyName("insutype")] string Insutype,
    [property: JsonPropertyName("insutype_name")] string InsutypeName,
    [property: JsonPropertyName("psn_type")] string PsnType,
    [property: JsonPropertyName("psn_type_name")] string PsnTypeName,
    [property: JsonPropertyName("psn_insu_stas")] string PsnInsuStas,
    [property: JsonPropertyName("psn_insu_date")] DateOnly PsnInsuDate,
    [property: JsonPropertyName("paus_insu_date")] DateOnly? PausInsuDate,
    [property: JsonPropertyName("begndate")] DateOnly Begndate,
    [property: JsonPropertyName("enddate")] DateOnly? Enddate,
    [property: JsonPropertyName("trt_flag")] string TrtFlag,
    [property: JsonPropertyName("trt_begndate")] DateOnly? TrtBegndate,
    [property: JsonPropertyName("trt_enddate")] DateOnly? TrtEnddate,
    [property: JsonPropertyName("cvlserv_flag")] string CvlservFlag,
    [property: JsonPropertyName("emp_no")] string? EmpNo,
    [property: JsonPropertyName("emp_name")] string? EmpName,
    [property: JsonPropertyName("pay_months")] int PayMonths,
    [property: JsonPropertyName("insuplc_admdvs")] string InsuplcAdmdvs);

public sealed record EligibilityIdentity(
    [property: JsonPropertyName("psn_idet_type")] string PsnIdetType,
    [property: JsonPropertyName("psn_idet_type_name")] string PsnIdetTypeName,
    [property: JsonPropertyName("begntime")] DateOnly Begntime,
    [property: JsonPropertyName("endtime")] DateOnly? Endtime,
    [property: JsonPropertyName("memo")] string Memo);

public sealed class GetEligibilityHandler(IAppDbContext db, TimeProvider clock)
{
    public async Task<AppResult<EligibilityView>> HandleAsync(GetEligibility query, CancellationToken ct = default)
    {
        var date = query.Date ?? clock.TodayInChina();
        var person = await db.FindPersonAsync(query.Person, ct);
        if (person is null)
        {
            return AppResult<EligibilityView>.Fail(RegistryLookups.PersonNotFound(query.Person));
        }

        var enrollments = await db.Enrollments.AsNoTracking().Include(e => e.Events).Where(e => e.PersonId == person.Id).ToListAsync(ct);
        foreach (var e in enrollments)
        {
            e.Events.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        }

        var statuses = await db.PersonSpecialStatuses.AsNoTracking().Where(s => s.PersonId == person.Id).ToListAsync(ct);
        var policy = await db.LoadWaitingPolicyAsync(person.PoolAreaCode, ct);
        var eligibility = new PersonCoverage(person.Id, person.BirthDate, enrollments, statuses).On(date, policy);

        var employerIds = eligibility.Coverages.Where(c => c.EmployerId is not null).Select(c => c.EmployerId!.Value).Distinct().ToList();
        var employers = employerIds.Count == 0
            ? []
            : await db.Employers.AsNoTracking().Where(e => employerIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var civilServant = eligibility.Has(SpecialStatusType.CivilServant) || eligibility.For(InsuranceType.CivilServantSubsidy) is not null;

        var insurances = eligibility.Coverages.Select(c =>
        {
            var e = enrollments.First(x => x.Id == c.EnrollmentId);
            var emp = c.EmployerId is { } id && employers.TryGetValue(id, out var found) ? found : null;
            DateOnly? paused = c.Status == EnrollmentStatus.Suspended ? e.Interruptions().Last(i => i.From <= date).From : null;
            return new EligibilityInsurance(
                RegistryLookups.Code(c.InsuranceType), RegistryNames.Of(c.InsuranceType),
                RegistryLookups.Code(c.Category), RegistryNames.Of(c.Category),
                RegistryLookups.Code(c.Status), c.BeginDate, paused, c.BeginDate, c.EndDate,
                c.Entitled ? "1" : "0", c.BenefitFrom, c.BenefitTo, civilServant ? "1" : "0",
                emp?.EmployerNo, emp?.Name, c.ContributionMonths, e.PoolAreaCode);
        }).ToList();
        var identities = eligibility.SpecialStatuses.Select(s => new EligibilityIdentity(
            RegistryLookups.Code(s.Type), RegistryNames.Of(s.Type), s.BeginDate, s.EndDate, s.Source)).ToList();

        var age = date.Year - person.BirthDate.Year - (date < person.BirthDate.AddYears(date.Year - person.BirthDate.Year) ? 1 : 0);
        var baseInfo = new EligibilityPerson(person.PersonNo, "01", person.ResidentId.Value, person.Name,
            RegistryLookups.Code(person.Gender), person.BirthDate, Math.Max(age, 0), person.PoolAreaCode);
        return AppResult<EligibilityView>.Ok(new EligibilityView(baseInfo, insurances, identities, date));
    }
}
