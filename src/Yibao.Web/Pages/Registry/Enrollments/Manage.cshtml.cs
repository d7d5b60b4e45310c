using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Registry;

namespace Yibao.Web.Pages.Registry.Enrollments;

/// <summary>参保变动: 变更人员类别 / 暂停 / 恢复 / 终止 / 转出 of one enrollment, each with a date and a reason, through its handler.</summary>
public sealed class ManageModel(
    IAppDbContext db,
    ChangeEnrollmentHandler change,
    SuspendEnrollmentHandler suspend,
    ResumeEnrollmentHandler resume,
    TerminateEnrollmentHandler terminate,
    TransferEnrollmentOutHandler transfer,
    TimeProvider clock) : RegistryFormModel(clock)
{
    public static readonly IReadOnlyDictionary<string, string> Operations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["change"] = "变更人员类别",
        ["suspend"] = "暂停参保",
        ["resume"] = "恢复参保",
        ["terminate"] = "终止参保",
        ["transfer"] = "关系转移（转出）",
    };

    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty(SupportsGet = true)] public string Op { get; set; } = "change";
    [BindProperty] public DateOnly? EffectiveDate { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? PsnType { get; set; }
    [BindProperty] public string? EmployerNo { get; set; }
    [BindProperty] public TerminationReason? TerminationReason { get; set; }
    [BindProperty] public string? ToArea { get; set; }

    public Enrollment Enrollment { get; private set; } = null!;
    public Person Person { get; private set; } = null!;

    public string Title => Operations.TryGetValue(Op, out var t) ? t : "参保变动";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        EffectiveDate = Today;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (EffectiveDate is not { } date)
        {
            Errors = [DateRequired(Op is "terminate" or "transfer" ? "终止日期" : "生效日期", "effective_date")];
            return Page();
        }

        var reason = Reason?.Trim() ?? string.Empty;
        var errors = Op switch
        {
            "change" => (await change.HandleAsync(new ChangeEnrollment(Id, PsnType ?? string.Empty, date, reason, string.IsNullOrWhiteSpace(EmployerNo) ? null : EmployerNo.Trim()), ct)).Errors,
            "suspend" => (await suspend.HandleAsync(new SuspendEnrollment(Id, date, reason), ct)).Errors,
            "resume" => (await resume.HandleAsync(new ResumeEnrollment(Id, date, reason), ct)).Errors,
            "terminate" => TerminationReason is { } tr
                ? (await terminate.HandleAsync(new TerminateEnrollment(Id, date, tr, reason.Length == 0 ? null : reason), ct)).Errors
                : [new AppError("validation", "终止原因：请选择 死亡 或 重复参保清理", "reason")],
            "transfer" => (await transfer.HandleAsync(new TransferEnrollmentOut(Id, date, ToArea ?? string.Empty, reason.Length == 0 ? null : reason), ct)).Errors,
            _ => [new AppError("validation", "操作：不支持的参保变动类型", "op")],
        };
        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        TempData["Message"] = $"已办理{Title}（{RegistryLookups.Code(Enrollment.InsuranceType)} {RegistryNames.Of(Enrollment.InsuranceType)}）。";
        return RedirectToPage("/Registry/Persons/Detail", new { id = Person.Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!Operations.ContainsKey(Op))
        {
            return false;
        }

        var enrollment = await db.Enrollments.AsNoTracking().FirstOrDefaultAsync(e => e.Id == Id, ct);
        if (enrollment is null)
        {
            return false;
        }

        Enrollment = enrollment;
        Person = await db.Persons.AsNoTracking().FirstAsync(p => p.Id == enrollment.PersonId, ct);
        PsnType ??= RegistryLookups.Code(enrollment.Category);
        return true;
    }
}
