using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlement;

/// <summary>
/// 2601 冲正交易: the institution sent a write and never received the answer; it names the original message id
/// (<c>omsgid</c>) and the agency undoes whatever that message did, exactly as the matching cancellation would:
/// a 2207 settlement is cancelled like 2208 (reversing journal entry, accumulators restored, encounter reopened),
/// a 2201 registration is cancelled like 2202, the lines of a 2204 upload are cancelled like 2205; for 住院 a 2304
/// settlement like 2305, a 2401 admission like 2404, a 2402 discharge like 2405, the lines of a 2301 upload like 2302.
/// Only the caller's own messages are found; nothing is deleted.
/// </summary>
public sealed record ReverseTransaction(
    [property: JsonPropertyName("omsgid")] string Omsgid,
    [property: JsonPropertyName("oinfno")] string? Oinfno = null,
    [property: JsonPropertyName("psn_no")] string? PsnNo = null);

public sealed record ReversalView(
    [property: JsonPropertyName("omsgid")] string Omsgid,
    [property: JsonPropertyName("oinfno")] string Oinfno,
    [property: JsonPropertyName("mdtrt_id")] string? MdtrtId,
    [property: JsonPropertyName("setl_id")] string? SetlId,
    [property: JsonPropertyName("rvs_rslt")] string Result,
    [property: JsonPropertyName("memo")] string Memo);

public sealed class ReverseTransactionValidator : AbstractValidator<ReverseTransaction>
{
    public ReverseTransactionValidator()
    {
        RuleFor(x => x.Omsgid).NotEmpty().WithMessage("原报文 ID omsgid：不能为空")
            .MaximumLength(60).WithMessage("原报文 ID omsgid：不能超过 60 个字符").OverridePropertyName("omsgid");
        RuleFor(x => x.Oinfno).Matches("^[0-9]{4}$").When(x => !string.IsNullOrEmpty(x.Oinfno))
            .WithMessage("原交易编号 oinfno：须为 4 位数字交易编号").OverridePropertyName("oinfno");
    }
}

public sealed class ReverseTransactionHandler(
    IAppDbContext db,
    CancelSettlementHandler cancelSettlement,
    CancelOutpatientRegistrationHandler cancelRegistration,
    CancelAdmissionHandler cancelAdmission,
    CancelDischargeHandler cancelDischarge,
    IPersonSettlementLock personLock)
{
    public const string OriginalNotFound = SettlementErrors.OriginalMsgidNotFound;
    public const string NotReversible = SettlementErrors.ReversalNotSupported;

    /// <summary>Transactions 2601 can undo.</summary>
    public static readonly IReadOnlyList<string> ReversibleInfnos = ["2201", "2204", "2207", "2301", "2304", "2401", "2402"];

    private static readonly ReverseTransactionValidator Validator = new();

    public async Task<AppResult<ReversalView>> HandleAsync(InstitutionCaller caller, ReverseTransaction command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<ReversalView>.Fail(validation.ToAppErrors());
        }

        return await db.InTransactionAsync(() => ReverseAsync(caller, command with { Omsgid = command.Omsgid.Trim() }, ct), ct);
    }

    private async Task<AppResult<ReversalView>> ReverseAsync(InstitutionCaller caller, ReverseTransaction command, CancellationToken ct)
    {
        static AppResult<ReversalView> Fail(AppError e) => AppResult<ReversalView>.Fail(e);
        var (_, instError) = await db.ActiveInstitutionAsync(caller, ct);
        if (instError is not null)
        {
            return Fail(instError);
        }

        var original = await db.ApiRequestLogs.AsNoTracking()
            .FirstOrDefaultAsync(r => r.InstitutionId == caller.InstitutionId && r.Msgid == command.Omsgid, ct);
        if (original is null)
        {
            return Fail(new AppError(OriginalNotFound,
                $"原报文 ID omsgid：本机构没有成功办理过报文“{command.Omsgid}”的交易（原交易未生效，无需冲正）", "omsgid"));
        }

        if (!string.IsNullOrEmpty(command.Oinfno) && !string.Equals(command.Oinfno, original.Infno, StringComparison.Ordinal))
        {
            return Fail(new AppError(SettlementErrors.Validation,
                $"原交易编号 oinfno：报文“{command.Omsgid}”的交易编号是 {original.Infno}，不是 {command.Oinfno}", "oinfno"));
        }

        using var answer = JsonDocument.Parse(original.ResponseJson);
        var root = answer.RootElement;
        var memo = $"冲正（原报文 {command.Omsgid}）";
        switch (original.Infno)
        {
            case "2207" or "2304":
            {
                var setlId = root.GetProperty("setl_id").GetString()!;
                var r = await cancelSettlement.HandleAsync(caller, new CancelSettlement(setlId, memo), ct);
                return r.Succeeded
                    ? AppResult<ReversalView>.Ok(new ReversalView(command.Omsgid, original.Infno, r.Value!.MdtrtId, setlId, "1", $"结算 {setlId} 已冲正：已写冲销凭证并恢复年度累计"))
                    : AppResult<ReversalView>.Fail(r.Errors);
            }

            case "2201":
            {
                var mdtrtId = root.GetProperty("mdtrt_id").GetString()!;
                var r = await cancelRegistration.HandleAsync(caller, new CancelOutpatientRegistration(mdtrtId), ct);
                return r.Succeeded
                    ? AppResult<ReversalView>.Ok(new ReversalView(command.Omsgid, original.Infno, mdtrtId, null, "1", $"挂号 {mdtrtId} 已冲正（撤销挂号）"))
                    : AppResult<ReversalView>.Fail(r.Errors);
            }

            case "2401":
            {
                var mdtrtId = root.GetProperty("mdtrt_id").GetString()!;
                var r = await cancelAdmission.HandleAsync(caller, new CancelAdmission(mdtrtId), ct);
                return r.Succeeded
                    ? AppResult<ReversalView>.Ok(new ReversalView(command.Omsgid, original.Infno, mdtrtId, null, "1", $"入院 {mdtrtId} 已冲正（取消入院）"))
                    : AppResult<ReversalView>.Fail(r.Errors);
            }

            case "2402":
            {
                var mdtrtId = root.GetProperty("mdtrt_id").GetString()!;
                var r = await cancelDischarge.HandleAsync(caller, new CancelDischarge(mdtrtId), ct);
                return r.Succeeded
                    ? AppResult<ReversalView>.Ok(new ReversalView(command.Omsgid, original.Infno, mdtrtId, null, "1", $"住院 {mdtrtId} 的出院已冲正（撤销出院）"))
                    : AppResult<ReversalView>.Fail(r.Errors);
            }

            case "2204" or "2301":
            {
                var mdtrtId = root.GetProperty("mdtrt_id").GetString()!;
                var sns = root.GetProperty("result").EnumerateArray().Select(x => x.GetProperty("feedetl_sn").GetString()!).ToHashSet(StringComparer.Ordinal);
                var (e, openError) = await UploadFeeDetailsHandler.OpenEncounterAsync(db, personLock, caller, mdtrtId, inpatient: original.Infno == "2301", ct);
                if (openError is not null)
                {
                    return Fail(openError);
                }

                if (original.Infno == "2301" && (await InpatientStay.SettledLineSnsAsync(db, e.Id, ct)).Overlaps(sns))
                {
                    return Fail(new AppError(SettlementErrors.AlreadySettled, $"原报文 ID omsgid：报文“{command.Omsgid}”上传的明细已中途结算，须先撤销该结算（2305）", "omsgid"));
                }

                var targets = e.FeeDetails.Where(f => sns.Contains(f.FeedetlSn)).ToList();
                if (targets.All(f => f.Cancelled))
                {
                    return Fail(new AppError(SettlementErrors.AlreadyCancelled, $"原报文 ID omsgid：报文“{command.Omsgid}”上传的费用明细已全部撤销", "omsgid"));
                }

                targets.ForEach(f => f.Cancelled = true);
                await db.SaveChangesAsync(ct);
                return AppResult<ReversalView>.Ok(new ReversalView(command.Omsgid, original.Infno, mdtrtId, null, "1", $"就诊 {mdtrtId} 的 {targets.Count} 条费用明细已冲正（撤销）"));
            }

            default:
                return Fail(new AppError(NotReversible,
                    $"原报文 ID omsgid：报文“{command.Omsgid}”是 {original.Infno} 交易，冲正只适用于 {string.Join("、", ReversibleInfnos)}（撤销类交易请重新发起原交易）", "omsgid"));
        }
    }
}
