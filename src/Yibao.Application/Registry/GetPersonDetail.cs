using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Contributions;
using Yibao.Domain.Funds;
using Yibao.Domain.Registry;

namespace Yibao.Application.Registry;

/// <summary>人员详情: identity, household members, enrollments with their history, special statuses, contributions and journal postings.</summary>
public sealed record GetPersonDetail(long PersonId, bool ShowFullId = false);

public sealed record PersonDetail(
    Person Person,
    string Certno,
    Household? Household,
    IReadOnlyList<HouseholdMember> Members,
    IReadOnlyList<EnrollmentView> Enrollments,
    IReadOnlyList<PersonSpecialStatus> SpecialStatuses,
    IReadOnlyList<ResidentContribution> Contributions,
    IReadOnlyList<PostingView> Postings);

public sealed record HouseholdMember(long Id, string PsnNo, string Name, string Gender, DateOnly BirthDate);

public sealed record EnrollmentView(Enrollment Enrollment, string? EmployerNo, string? EmployerName);

/// <summary>分录行 about the person with its entry.</summary>
public sealed record PostingView(long EntryId, DateOnly EntryDate, string Memo, FundCode Fund, string AccountCode, decimal Debit, decimal Credit);

public sealed class GetPersonDetailHandler(IAppDbContext db)
{
    public async Task<PersonDetail?> HandleAsync(GetPersonDetail query, CancellationToken ct = default)
    {
        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == query.PersonId, ct);
        if (person is null)
        {
            return null;
        }

        Household? household = null;
        List<HouseholdMember> members = [];
        if (person.HouseholdId is { } hid)
        {
            household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == hid, ct);
            members = (await db.Persons.AsNoTracking().Where(p => p.HouseholdId == hid && p.Id != person.Id).OrderBy(p => p.BirthDate)
                    .Select(p => new { p.Id, p.PersonNo, p.Name, p.Gender, p.BirthDate }).Take(50).ToListAsync(ct))
                .Select(p => new HouseholdMember(p.Id, p.PersonNo, p.Name, p.Gender == Gender.Male ? "男" : "女", p.BirthDate)).ToList();
        }

        var enrollments = await db.Enrollments.AsNoTracking().Include(e => e.Events).Where(e => e.PersonId == person.Id).ToListAsync(ct);
        foreach (var e in enrollments)
        {
            e.Events.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        }

        var employerIds = enrollments.Where(e => e.EmployerId is not null).Select(e => e.EmployerId!.Value).Distinct().ToList();
        var employers = employerIds.Count == 0
            ? []
            : await db.Employers.AsNoTracking().Where(e => employerIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var views = enrollments.OrderBy(e => e.IsTerminated).ThenBy(e => e.InsuranceType).ThenByDescending(e => e.BeginDate)
            .Select(e => e.EmployerId is { } id && employers.TryGetValue(id, out var emp)
                ? new EnrollmentView(e, emp.EmployerNo, emp.Name)
                : new EnrollmentView(e, null, null))
            .ToList();

        var statuses = await db.PersonSpecialStatuses.AsNoTracking().Where(s => s.PersonId == person.Id).OrderByDescending(s => s.BeginDate).ToListAsync(ct);
        var contributions = await db.ResidentContributions.AsNoTracking().Where(c => c.PersonId == person.Id).OrderByDescending(c => c.Year).ToListAsync(ct);
        var postings = await db.JournalEntries.AsNoTracking()
            .SelectMany(e => e.Lines.Where(l => l.PersonId == person.Id), (e, l) => new { e.Id, e.EntryDate, e.Memo, l.Fund, l.AccountCode, l.Debit, l.Credit, LineId = l.Id })
            .OrderByDescending(x => x.Id).ThenBy(x => x.LineId).Take(200).ToListAsync(ct);

        return new PersonDetail(person, query.ShowFullId ? person.ResidentId.Value : Masking.ResidentId(person.ResidentId.Value),
            household, members, views, statuses, contributions,
            postings.Select(p => new PostingView(p.Id, p.EntryDate, p.Memo, p.Fund, p.AccountCode, p.Debit, p.Credit)).ToList());
    }
}
