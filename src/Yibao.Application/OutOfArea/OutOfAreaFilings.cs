using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.OutOfArea;
using Yibao.Domain.Policies;

namespace Yibao.Application.OutOfArea;

/// <summary>The 就医地类别 a settlement uses, with the Chinese explanation line and the filing that gave it.</summary>
public sealed record PlaceDecision(Place Place, string Explanation, string? FilingNo);

/// <summary>Shared look-ups of the 异地就医 area, including the settlement branch selection.</summary>
public static class OutOfAreaFilings
{
    public static bool TryParseType(string? code, out FilingType type)
    {
        type = default;
        if (!int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || !Enum.IsDefined((FilingType)v))
        {
            return false;
        }

        type = (FilingType)v;
        return true;
    }

    public static string Period(OutOfAreaFiling f) =>
        string.Create(CultureInfo.InvariantCulture, $"{f.BeginDate:yyyy-MM-dd} 至 {(f.EndDate is { } e ? e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "长期")}");

    /// <summary>
    /// 就医地类别 of a visit: 本地 when the place of care is in the person's 统筹区; otherwise 异地已备案 (转诊 for a
    /// 转诊转院 filing) when a valid filing of the person for the 险种 covers the date, else 异地未备案.
    /// </summary>
    public static async Task<PlaceDecision> ResolvePlaceAsync(this IAppDbContext db, long personId, string insutype, string personPoolArea, string careArea, DateOnly date, CancellationToken ct)
    {
        if (string.Equals(personPoolArea, careArea, StringComparison.Ordinal))
        {
            return new PlaceDecision(Place.Local, $"就医地：本地（就医地 {careArea} 与参保地统筹区相同），按本地待遇结算", null);
        }

        var filings = await db.OutOfAreaFilings.AsNoTracking()
            .Where(f => f.PersonId == personId && f.Insutype == insutype && f.Status == FilingStatus.Valid && f.BeginDate <= date)
            .ToListAsync(ct);
        return ResolvePlace(filings, insutype, personPoolArea, careArea, date);
    }

    /// <summary>The pure part of <see cref="ResolvePlaceAsync"/> over the person's filings (any status; only valid ones for the 险种 count).</summary>
    public static PlaceDecision ResolvePlace(IEnumerable<OutOfAreaFiling> personFilings, string insutype, string personPoolArea, string careArea, DateOnly date)
    {
        if (string.Equals(personPoolArea, careArea, StringComparison.Ordinal))
        {
            return new PlaceDecision(Place.Local, $"就医地：本地（就医地 {careArea} 与参保地统筹区相同），按本地待遇结算", null);
        }

        var filing = personFilings.Where(f => string.Equals(f.Insutype, insutype, StringComparison.Ordinal) && f.Status == FilingStatus.Valid && f.BeginDate <= date && f.Covers(date))
            .OrderByDescending(f => f.BeginDate).FirstOrDefault();
        if (filing is null)
        {
            return new PlaceDecision(Place.Unfiled,
                $"就医地：异地（就医地 {careArea}，参保地统筹区 {personPoolArea}），{date:yyyy-MM-dd} 无有效异地就医备案，按“异地未备案”待遇结算", null);
        }

        var place = filing.SettlementPlace;
        return new PlaceDecision(place,
            $"就医地：异地（就医地 {careArea}，参保地统筹区 {personPoolArea}），有效备案 {filing.FilingNo}（{OutOfAreaFiling.TypeName(filing.Type)}，{filing.DestinationName}，{Period(filing)}），按“{PolicyValidator.PlaceName(place)}”待遇结算",
            filing.FilingNo);
    }
}
