using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Registry;
using Yibao.Domain.Review;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlement;

/// <summary>
/// Builds the 事中审核 input from the database: the person (gender, birth date, death date and the 参保期 of the encounter's
/// 险种 from the enrollments), the encounter being settled, and as history the person's other encounters (not cancelled)
/// that began in the 12 months up to the encounter's end, with their uploaded (not cancelled) fee lines. 用药天数 (medc_days) of
/// the current lines (<paramref name="supplyDays"/>, same order as the fee lines) and of the history lines feed 超量开药.
/// </summary>
public static class InlineReviewInput
{
    public static async Task<InlineReviewResult> CheckAsync(IAppDbContext db, InlineReviewer reviewer, Person person, MedicalEncounter e, Institution inst,
        Encounter encounter, FeeLine[] fee, IReadOnlyList<int>? supplyDays, CancellationToken ct)
    {
        var type = (InsuranceType)int.Parse(e.Insutype, NumberStyles.None, CultureInfo.InvariantCulture);
        var enrollments = await db.Enrollments.AsNoTracking().Where(x => x.PersonId == person.Id)
            .Select(x => new { x.InsuranceType, x.BeginDate, x.EndDate, x.TerminationReason }).ToListAsync(ct);
        var death = enrollments.Where(x => x.TerminationReason == TerminationReason.Death && x.EndDate != null).Select(x => x.EndDate).Min();
        var coverage = enrollments.Where(x => x.InsuranceType == type).Select(x => (x.BeginDate, x.EndDate ?? DateOnly.MaxValue)).ToList();
        var reviewPerson = new ReviewPerson(person.Gender, person.BirthDate, death, coverage);

        var end = encounter.DischargeDate == default ? encounter.AdmissionDate : encounter.DischargeDate;
        var current = new ReviewEncounter
        {
            InstitutionId = inst.Id,
            InstitutionLevel = inst.Level,
            InstitutionType = inst.Type,
            VisitType = e.MedType,
            Insutype = e.Insutype,
            AdmissionDate = encounter.AdmissionDate,
            DischargeDate = end,
            Diagnoses = encounter.Diagnoses,
            Lines = fee,
            SupplyDays = supplyDays,
        };

        var from = end.AddMonths(-12);
        var others = await db.MedicalEncounters.AsNoTracking()
            .Where(x => x.PersonId == person.Id && x.Id != e.Id && x.Status != EncounterStatus.Cancelled && x.BeginDate > from && x.BeginDate <= end)
            .Join(db.Institutions.AsNoTracking(), x => x.InstitutionId, i => i.Id, (x, i) => new
            {
                x.Id, x.InstitutionId, i.Level, i.Type, x.MedType, x.Insutype, x.BeginDate, x.EndDate, x.DiseCodg, x.DscgMaindiagCode,
            })
            .ToListAsync(ct);
        var history = new List<ReviewEncounter>(others.Count);
        if (others.Count > 0)
        {
            var ids = others.Select(o => o.Id).ToList();
            var lines = await db.FeeDetails.AsNoTracking().Where(f => ids.Contains(f.EncounterId) && !f.Cancelled)
                .OrderBy(f => f.Id)
                .Select(f => new { f.EncounterId, f.MedListCodg, f.Cnt, f.Pric, f.DetItemFeeSumamt, f.FeeOcurDate, f.MedcDays })
                .ToListAsync(ct);
            var byEncounter = lines.ToLookup(l => l.EncounterId);
            foreach (var o in others)
            {
                var rows = byEncounter[o.Id].ToList();
                var ls = rows.Select(l => new FeeLine(l.MedListCodg, l.Cnt, l.Pric, l.DetItemFeeSumamt, l.FeeOcurDate)).ToArray();
                if (ls.Length == 0)
                {
                    continue;
                }

                history.Add(new ReviewEncounter
                {
                    InstitutionId = o.InstitutionId,
                    InstitutionLevel = o.Level,
                    InstitutionType = o.Type,
                    VisitType = o.MedType,
                    Insutype = o.Insutype,
                    AdmissionDate = o.BeginDate,
                    DischargeDate = o.EndDate ?? (o.BeginDate > ls.Max(l => l.Date) ? o.BeginDate : ls.Max(l => l.Date)),
                    Diagnoses = ((o.DscgMaindiagCode ?? o.DiseCodg) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    Lines = ls,
                    SupplyDays = rows.Select(l => l.MedcDays ?? 0).ToArray(),
                });
            }
        }

        return reviewer.Check(reviewPerson, current, history);
    }
}
