using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Application.Review;
using Yibao.Application.Supervision;
using Yibao.Domain.Supervision;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Supervision;

/// <summary>One case: steps, 处理决定 with outcomes, 到账登记 (财务), 恢复协议, evidence files.</summary>
public sealed class CaseModel(CaseQueriesHandler cases, AdvanceCaseHandler advance, DecideCaseHandler decide, RecordOutcomePaymentHandler pay,
    LiftSuspensionHandler lift, ReverseOutcomeHandler reverse, UploadEvidenceHandler upload, GetEvidenceHandler evidence, SearchReviewFlagsHandler flags, TimeProvider clock) : SupervisionPageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }

    [BindProperty] public CaseAction StepAction { get; set; }
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? Reason { get; set; }

    [BindProperty] public string? DecisionNo { get; set; }
    [BindProperty] public string? RecoveryAmount { get; set; }
    [BindProperty] public string? PenaltyMultiple { get; set; }
    [BindProperty] public string? SuspendFrom { get; set; }
    [BindProperty] public string? SuspendTo { get; set; }
    [BindProperty] public string? PractitionerName { get; set; }
    [BindProperty] public string? PractitionerCode { get; set; }
    [BindProperty] public string? PractitionerFrom { get; set; }
    [BindProperty] public string? PractitionerTo { get; set; }

    [BindProperty] public long OutcomeId { get; set; }
    [BindProperty] public string? PaymentNo { get; set; }
    [BindProperty] public string? PaymentAmount { get; set; }

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? FileDescription { get; set; }

    public CaseDetail? Detail { get; private set; }

    /// <summary>The review flag a 线索 came from (智能审核疑点): its evidence is shown as the case's source.</summary>
    public ReviewFlagRow? SourceFlag { get; private set; }



    public bool CanWrite => SupervisionAccess.CanWrite(User);

    public bool CanPay => SupervisionAccess.CanPay(User);

    public string Today => clock.TodayInChina().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Detail is null ? NotFound() : Page();
    }

    protected override async Task<bool> LoadAsync(CancellationToken ct)
    {
        Detail = await cases.GetAsync(Id, ct);
        if (Detail?.Case is { SourceType: CaseSourceType.ReviewFlag } c
            && long.TryParse(c.SourceRef, NumberStyles.None, CultureInfo.InvariantCulture, out var flagId))
        {
            SourceFlag = await flags.GetAsync(flagId, ct);
        }

        return Detail is not null;
    }

    public async Task<IActionResult> OnGetEvidenceAsync(long evidenceId, CancellationToken ct)
    {
        var r = await evidence.HandleAsync(evidenceId, ct);
        if (!r.Succeeded || (r.Value!.CaseId != Id))
        {
            return NotFound(string.Join("；", r.Errors.Select(e => e.Message)));
        }

        return File(r.Value.Content, r.Value.ContentType, r.Value.FileName);
    }

    public Task<IActionResult> OnPostStepAsync(CancellationToken ct) => WriteAsync(CanWrite, async errors =>
    {
        var d = SupervisionAccess.Date(Date, "办理日期", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var r = await advance.HandleAsync(new AdvanceCase(Id, StepAction, d!.Value, Reason ?? ""), ct);
        return r.Succeeded ? $"已办理：{CaseWorkflow.ActionName(StepAction)}。" : Fail(r.Errors, errors);
    }, ct);

    public Task<IActionResult> OnPostDecideAsync(CancellationToken ct) => WriteAsync(CanWrite, async errors =>
    {
        var d = SupervisionAccess.Date(Date, "决定日期", errors);
        var amount = SupervisionAccess.Number(RecoveryAmount, "追回金额", errors);
        var multiple = SupervisionAccess.Number(PenaltyMultiple, "违约金倍数", errors, null);
        var sFrom = SupervisionAccess.Date(SuspendFrom, "暂停协议开始日期", errors, required: false);
        var sTo = SupervisionAccess.Date(SuspendTo, "暂停协议结束日期", errors, required: false);
        var pFrom = SupervisionAccess.Date(PractitionerFrom, "暂停医师资格开始日期", errors, required: false);
        var pTo = SupervisionAccess.Date(PractitionerTo, "暂停医师资格结束日期", errors, required: false);
        if (errors.Count > 0)
        {
            return null;
        }

        var r = await decide.HandleAsync(new DecideCase(Id, d!.Value, DecisionNo ?? "", Reason ?? "", amount!.Value, amount == 0 ? null : multiple,
            sFrom, sTo, PractitionerName, PractitionerCode, pFrom, pTo), ct);
        return r.Succeeded ? "处理决定已登记，追回款和违约金已挂应收。" : Fail(r.Errors, errors);
    }, ct);

    public Task<IActionResult> OnPostPayAsync(CancellationToken ct) => WriteAsync(CanPay, async errors =>
    {
        var d = SupervisionAccess.Date(Date, "到账日期", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        decimal? amount = null;
        if (!string.IsNullOrWhiteSpace(PaymentAmount))
        {
            if (!decimal.TryParse(PaymentAmount.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var a))
            {
                errors.Add(new AppError("validation-failed", "缴款金额：须为数字（元，最多两位小数）；留空表示缴清余额", "amount"));
                return null;
            }

            amount = a;
        }

        var r = await pay.HandleAsync(new RecordOutcomePayment(OutcomeId, d!.Value, PaymentNo ?? "", amount), ct);
        return r.Succeeded
            ? $"到账已登记：{CaseWorkflow.OutcomeName(r.Value!.Kind)} 已缴 {RegistryAccess.Yuan(r.Value.Paid)} 元 / {RegistryAccess.Yuan(r.Value.Amount)} 元（{r.Value.PaymentStatus}）。"
            : Fail(r.Errors, errors);
    }, ct);

    public Task<IActionResult> OnPostReverseAsync(CancellationToken ct) => WriteAsync(CanWrite, async errors =>
    {
        var d = SupervisionAccess.Date(Date, "改判日期", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var r = await reverse.HandleAsync(new ReverseOutcome(OutcomeId, d!.Value, Reason ?? ""), ct);
        return r.Succeeded ? $"申诉改判已登记：{CaseWorkflow.OutcomeName(r.Value!.Kind)}已撤销，相关记账已冲回。" : Fail(r.Errors, errors);
    }, ct);

    public Task<IActionResult> OnPostLiftAsync(CancellationToken ct) => WriteAsync(CanWrite, async errors =>
    {
        var d = SupervisionAccess.Date(Date, "恢复日期", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var r = await lift.HandleAsync(new LiftSuspension(OutcomeId, d!.Value), ct);
        return r.Succeeded ? "已恢复协议，机构可以办理联网结算。" : Fail(r.Errors, errors);
    }, ct);

    public Task<IActionResult> OnPostUploadAsync(CancellationToken ct) => WriteAsync(CanWrite, async errors =>
    {
        if (Upload is null)
        {
            errors.Add(new AppError("validation-failed", "文件：请选择要上传的文件"));
            return null;
        }

        if (Upload.Length > Domain.Supervision.EvidenceFile.MaxBytes)
        {
            errors.Add(new AppError("validation-failed", "文件：不能超过 10 MB"));
            return null;
        }

        using var ms = new MemoryStream();
        await Upload.CopyToAsync(ms, ct);
        var r = await upload.HandleAsync(new UploadEvidence(null, Id, Upload.FileName, Upload.ContentType, ms.ToArray(), FileDescription), ct);
        return r.Succeeded ? $"证据材料已上传：{r.Value!.FileName}（SHA-256 {r.Value.Sha256[..12]}…）。" : Fail(r.Errors, errors);
    }, ct);
}
