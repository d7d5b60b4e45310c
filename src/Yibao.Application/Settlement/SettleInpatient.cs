using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Catalogs;

namespace Yibao.Application.Settlement;

/// <summary>
/// 2303 住院预结算 (<see cref="PreSettle"/> = true: computes, changes nothing) and 2304 住院结算. Requires the discharge
/// (2402) unless <see cref="MidSetlFlag"/> is "1" (中途结算: settles the lines so far and leaves the stay open). The engine
/// computes with visit type 住院; the deductible of a 2nd/3rd admission in the year is reduced by the policy's
/// subsequent factors, counted from the person's year accumulators (each settlement in force counts as one 住院).
/// Writes in one transaction like 2207 (settlement, encounter, accumulators, balanced journal entry).
/// </summary>
public sealed record SettleInpatient(
    string MdtrtId,
    [property: JsonPropertyName("medfee_sumamt")] decimal MedfeeSumamt,
    [property: JsonPropertyName("acct_used_flag")] string? AcctUsedFlag = "0",
    [property: JsonPropertyName("mid_setl_flag")] string? MidSetlFlag = "0",
    bool PreSettle = false);

public sealed class SettleInpatientHandler(SettleOutpatientHandler settle)
{
    public Task<AppResult<SettlementView>> HandleAsync(InstitutionCaller caller, SettleInpatient command, CancellationToken ct = default)
    {
        if (command.MidSetlFlag is not (null or "" or "0" or "1"))
        {
            return Task.FromResult(AppResult<SettlementView>.Fail(new AppError(SettlementErrors.Validation, "中途结算标志 mid_setl_flag：只能是 0 或 1", "mid_setl_flag")));
        }

        return settle.HandleAsync(caller, new SettleOutpatient(command.MdtrtId, command.MedfeeSumamt, command.AcctUsedFlag, command.PreSettle),
            new SettleScope(Inpatient: true, Midway: command.MidSetlFlag == "1"), ct);
    }
}

/// <summary>2305 住院结算撤销: the same reversal as 2208 (reversing journal entry, accumulators restored, nothing deleted), for inpatient settlements only.</summary>
public sealed class CancelInpatientSettlementHandler(IAppDbContext db, CancelSettlementHandler cancel)
{
    public async Task<AppResult<SettlementView>> HandleAsync(InstitutionCaller caller, CancelSettlement command, CancellationToken ct = default)
    {
        var medType = await db.Settlements.Where(s => s.SetlId == command.SetlId && s.InstitutionId == caller.InstitutionId)
            .Select(s => (VisitType?)s.MedType).FirstOrDefaultAsync(ct);
        if (medType is { } t && t != VisitType.Inpatient)
        {
            return AppResult<SettlementView>.Fail(new AppError(SettlementErrors.WrongEncounterKind, $"结算 ID setl_id：“{command.SetlId}”是门诊结算，请使用门诊结算撤销（2208）", "setl_id"));
        }

        return await cancel.HandleAsync(caller, command, ct);
    }
}
