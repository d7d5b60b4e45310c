using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Policies;
using Yibao.Domain.Admin;
using Yibao.Domain.Policies;

namespace Yibao.Web.Pages.Policies;

/// <summary>One parameter set: readable Chinese rendering, JSON, export; 系统管理员: clone to next year, activate, retire.</summary>
public sealed class ViewModel(PolicyQueriesHandler queries) : PageModel
{
    public PolicyVersion Version { get; private set; } = null!;

    public PolicyDocument Document { get; private set; } = null!;

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    /// <summary>Just saved from the form editor.</summary>
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, bool saved, CancellationToken ct)
    {
        Saved = saved;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetExportAsync(long id, CancellationToken ct)
    {
        var v = await queries.GetAsync(id, ct);
        return v is null ? NotFound() : File(System.Text.Encoding.UTF8.GetBytes(v.Json), "application/json", $"{v.Code}.json");
    }

    public async Task<IActionResult> OnPostCloneAsync(long id, [FromServices] ClonePolicyToNextYearHandler clone, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Administrator))
        {
            return Forbid();
        }

        var r = await clone.HandleAsync(new ClonePolicyToNextYear(id), ct);
        return r.Succeeded ? RedirectToPage("View", new { id = r.Value!.Id }) : await FailAsync(id, r.Errors, ct);
    }

    public async Task<IActionResult> OnPostStatusAsync(long id, PolicyStatus status, [FromServices] ChangePolicyStatusHandler change, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Administrator))
        {
            return Forbid();
        }

        var r = await change.HandleAsync(new ChangePolicyStatus(id, status), ct);
        return r.Succeeded ? RedirectToPage("View", new { id }) : await FailAsync(id, r.Errors, ct);
    }

    private async Task<IActionResult> FailAsync(long id, IReadOnlyList<AppError> errors, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Errors = errors;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var v = await queries.GetAsync(id, ct);
        if (v is null)
        {
            return false;
        }

        Version = v;
        Document = PolicyJson.Parse(v.Json);
        return true;
    }
}
