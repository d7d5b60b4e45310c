using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Catalogs;
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
/// The pure builders (<see cref="Person"/>, <see cref="Current"/>, <see cref="InHistoryWindow"/>, <see cref="History"/>) are shared
/// with the demo county's generated year of care, which holds the same data in memory.
/// </summary>
public static class InlineReviewInput
{
    public static async Task<InlineReviewResult> CheckAsync(IAppDbContext db, InlineReviewer reviewer, Person person, MedicalEncounter e, Institution inst,
        Encounter encounter, FeeLine[] fee, IReadOnlyList<int>? supplyDays, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(reviewer);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(e);
        var enrollments = await db.Enrollments.AsNoTracking().Where(x => x.PersonId == person.Id)
            .Select(x => new { x.InsuranceType, x.BeginDate, x.EndDate, x.TerminationReason }).ToListAsync(ct);
        var reviewPerson = Person(person, e.Insutype, enrollments.Select(x => (x.InsuranceType, x.BeginDate, x.EndDate, x.TerminationReason)));
        var current = Current(e, inst, encounter, fee, supplyDays);
        var end = current.DischargeDate;
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
                if (History(o.InstitutionId, o.Level, o.Type, o.MedType, o.Insutype, o.BeginDate, o.EndDate, o.DiseCodg, o.DscgMaindiagCode, ls,
                        rows.Select(l => l.MedcDays ?? 0).ToArray()) is { } h)
                {
                    history.Add(h);
                }
            }
        }

        return reviewer.Check(reviewPerson, current, history);
    }

    /// <summary>The person as the rules see them: gender, birth, death (a 死亡 termination), 参保期 of <paramref name="insutype"/>.</summary>
    public static ReviewPerson Person(Person person, string insutype,
        IEnumerable<(InsuranceType Type, DateOnly Begin, DateOnly? End, TerminationReason? Reason)> enrollments)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(enrollments);
        var type = (InsuranceType)int.Parse(insutype, NumberStyles.None, CultureInfo.InvariantCulture);
        var list = enrollments.ToList();
        var death = list.Where(x => x.Reason == TerminationReason.Death && x.End != null).Select(x => x.End).Min();
        var coverage = list.Where(x => x.Type == type).Select(x => (x.Begin, x.End ?? DateOnly.MaxValue)).ToList();
        return new ReviewPerson(person.Gender, person.BirthDate, death, coverage);
    }

    /// <summary>The encounter being settled (<paramref name="encounter"/> is the engine's input for it).</summary>
    public static ReviewEncounter Current(MedicalEncounter e, Institution inst, Encounter encounter, FeeLine[] fee, IReadOnlyList<int>? supplyDays)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(inst);
        ArgumentNullException.ThrowIfNull(encounter);
        return new ReviewEncounter
        {
            InstitutionId = inst.Id,
            InstitutionLevel = inst.Level,
            InstitutionType = inst.Type,
            VisitType = e.MedType,
            Insutype = e.Insutype,
            AdmissionDate = encounter.AdmissionDate,
            DischargeDate = encounter.DischargeDate == default ? encounter.AdmissionDate : encounter.DischargeDate,
            Diagnoses = encounter.Diagnoses,
            Lines = fee,
            SupplyDays = supplyDays,
        };
    }

    /// <summary>Whether an encounter that began on <paramref name="begin"/> is history for one ending on <paramref name="end"/> (the 12 months up to it).</summary>
    public static bool InHistoryWindow(DateOnly begin, DateOnly end) => begin > end.AddMonths(-12) && begin <= end;

    /// <summary>One of the person's other encounters as history (null without fee lines): ends at its discharge, else at its last line's date.</summary>
    public static ReviewEncounter? History(long institutionId, InstitutionLevel level, InstitutionType type, VisitType medType, string insutype, DateOnly begin,
        DateOnly? endDate, string? diseCodg, string? dscgMaindiagCode, FeeLine[] lines, int[] supplyDays)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Length == 0)
        {
            return null;
        }

        var lastLine = lines.Max(l => l.Date);
        return new ReviewEncounter
        {
            InstitutionId = institutionId,
            InstitutionLevel = level,
            InstitutionType = type,
            VisitType = medType,
            Insutype = insutype,
            AdmissionDate = begin,
            DischargeDate = endDate ?? (begin > lastLine ? begin : lastLine),
            Diagnoses = ((dscgMaindiagCode ?? diseCodg) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Lines = lines,
            SupplyDays = supplyDays,
        };
    }
}
