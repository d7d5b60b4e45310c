using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Application.Supervision;
using Yibao.Domain.Admin;
using Yibao.Domain.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Supervision;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Supervision;

/// <summary>举报投诉: intake, 转案件 / 并案 / 不予受理 (稽核员), 核定奖励 (稽核员), 发放奖励 (财务). Reporter data masked for roles that do not contact reporters.</summary>
public sealed class ComplaintsModel(ComplaintQueriesHandler complaints, RegisterComplaintHandler register, OpenCaseHandler open, ResolveComplaintHandler resolve,
    GrantComplaintRewardHandler grant, PayComplaintRewardHandler pay, TimeProvider clock) : SupervisionPageModel
{
    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    [BindProperty(SupportsGet = true)] public ComplaintStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty] public string? ReceivedOn { get; set; }
    [BindProperty] public ComplaintChannel Channel { get; set; } = ComplaintChannel.Phone;
    [BindProperty] public string? ReporterName { get; set; }
    [BindProperty] public string? ReporterPhone { get; set; }
    [BindProperty] public string? InstitutionCode { get; set; }
    [BindProperty] public string? ComplaintContent { get; set; }

    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public FundCode Fund { get; set; } = FundCode.ResidentPool;
    [BindProperty] public string? LeadAmount { get; set; }
    [BindProperty] public string? CaseNo { get; set; }
    [BindProperty] public string? RejectReason { get; set; }
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? VoucherNo { get; set; }

    public IReadOnlyList<ComplaintRow> Rows { get; private set; } = [];

    public ComplaintRow? Selected { get; private set; }



    public bool CanWrite => SupervisionAccess.CanWrite(User);

    public bool CanPay => SupervisionAccess.CanPay(User);

    public string Today => clock.TodayInChina().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>稽核员 contacts reporters and 财务 pays them: both see the name; only 稽核员 sees the phone.</summary>
    public string ReporterNameShown(Complaint c) => c.ReporterName is null ? "匿名" : User.IsInRole(Roles.Auditor) || User.IsInRole(Roles.Finance) ? c.ReporterName : Masking.Name(c.ReporterName);

    public string ReporterPhoneShown(Complaint c) => c.ReporterPhone is null ? "—" : User.IsInRole(Roles.Auditor) ? c.ReporterPhone : Masking.Phone(c.ReporterPhone);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var rows = Rows.Select(r => new Dictionary<string, object?>
        {
            ["举报编号"] = r.Complaint.ComplaintNo,
            ["受理日期"] = RegistryAccess.Date(r.Complaint.ReceivedOn),
            ["渠道"] = Complaint.ChannelName(r.Complaint.Channel),
            ["举报人"] = ReporterNameShown(r.Complaint),
            ["被举报机构"] = r.InstitutionName,
            ["举报内容"] = r.Complaint.Content,
            ["状态"] = Complaint.StatusName(r.Complaint.Status),
            ["案件编号"] = r.CaseNo,
            ["奖励金额（元）"] = r.Complaint.RewardAmount,
            ["奖励发放日期"] = r.Complaint.RewardPaidOn is { } d ? RegistryAccess.Date(d) : null,
        }).ToList();
        return await ExcelFile.CreateAsync(rows, "举报投诉", "举报投诉", clock, ct);
    }

    public Task<IActionResult> OnPostRegisterAsync(CancellationToken ct) => WriteAsync(CanWrite, async errors =>
    {
        var d = SupervisionAccess.Date(ReceivedOn, "受理日期", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var r = await register.HandleAsync(new RegisterComplaint(d!.Value, Channel, ReporterName, ReporterPhone, InstitutionCode, ComplaintContent ?? ""), ct);
        if (r.Succeeded)
        {
            Id = r.Value!.Id;
            ReporterName = ReporterPhone = InstitutionCode = ComplaintContent = null;
            return $"举报已登记：{r.Value.ComplaintNo}。";
        }

        errors.AddRange(r.Errors);
        return null;
    }, ct);

    public async Task<IActionResult> OnPostOpenCaseAsync(CancellationToken ct)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        var errors = new List<AppError>();
        var d = SupervisionAccess.Date(Date, "登记日期", errors);
        var amount = SupervisionAccess.Number(LeadAmount, "线索金额", errors);
        if (errors.Count == 0)
        {
            var r = await open.HandleAsync(new OpenCase(CaseSourceType.Complaint, null, InstitutionCode, Summary ?? "", Fund, amount!.Value, d!.Value, ComplaintId: Id), ct);
            if (r.Succeeded)
            {
                return RedirectToPage("Case", new { id = r.Value!.Id });
            }

            errors.AddRange(r.Errors);
        }

        Errors = errors;
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostResolveAsync(CancellationToken ct) => WriteAsync(CanWrite, async errors =>
    {
        var r = await resolve.HandleAsync(new ResolveComplaint(Id ?? 0, RejectReason, CaseNo), ct);
        return r.Succeeded ? $"举报已处理：{Complaint.StatusName(r.Value!.Status)}。" : Fail(r.Errors, errors);
    }, ct);

    public Task<IActionResult> OnPostGrantAsync(CancellationToken ct) => WriteAsync(CanWrite, async errors =>
    {
        var d = SupervisionAccess.Date(Date, "核定日期", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var r = await grant.HandleAsync(new GrantComplaintReward(Id ?? 0, d!.Value), ct);
        return r.Succeeded ? $"举报奖励已核定：{RegistryAccess.Yuan(r.Value!.RewardAmount!.Value)} 元（查实金额 {RegistryAccess.Yuan(r.Value.RewardBase!.Value)} 元）。" : Fail(r.Errors, errors);
    }, ct);

    public Task<IActionResult> OnPostPayAsync(CancellationToken ct) => WriteAsync(CanPay, async errors =>
    {
        var d = SupervisionAccess.Date(Date, "发放日期", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var r = await pay.HandleAsync(new PayComplaintReward(Id ?? 0, d!.Value, VoucherNo ?? ""), ct);
        return r.Succeeded ? $"举报奖励已发放：{RegistryAccess.Yuan(r.Value!.RewardAmount!.Value)} 元。" : Fail(r.Errors, errors);
    }, ct);

    protected override async Task<bool> LoadAsync(CancellationToken ct)
    {
        ReceivedOn ??= Today;
        Rows = await complaints.ListAsync(Status, Year, ct);
        Selected = Id is { } id ? await complaints.GetAsync(id, ct) : null;
        return true;
    }
}
