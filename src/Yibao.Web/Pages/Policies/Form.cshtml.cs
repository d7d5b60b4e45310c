using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Policies;
using Yibao.Domain.Admin;
using Yibao.Domain.Policies;

namespace Yibao.Web.Pages.Policies;

/// <summary>
/// 表单编辑 a 草稿 for staff who do not write JSON: deductibles, bands (增加/删除分段), ratios, caps and the 大病/救助 layers per
/// scheme cell. Saves through <see cref="SavePolicyVersionHandler"/>, so the validation (errors by JSON path) is the JSON editor's.
/// </summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class FormModel(SavePolicyVersionHandler save, PolicyQueriesHandler queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public PolicyForm Form { get; set; } = new();

    /// <summary>save, or add:s:{scheme} / del:s:{scheme}:{row} / add:l:{layer} / del:l:{layer}:{row} to change band rows without saving.</summary>
    [BindProperty]
    public string? Command { get; set; }

    public PolicyVersion Version { get; private set; } = null!;

    public PolicyDocument Document { get; private set; } = null!;

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } fail)
        {
            return fail;
        }

        Form = PolicyForm.From(Document);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } fail)
        {
            return fail;
        }

        // Rows posted as all-empty inputs bind as null lists; keep the form's shape equal to the document's.
        Form.Schemes ??= [];
        Form.Layers ??= [];
        if (Command is { } cmd && !string.Equals(cmd, "save", StringComparison.Ordinal))
        {
            ChangeRows(cmd);
            ModelState.Clear();
            return Page();
        }

        var errors = Form.ApplyTo(Document);
        if (errors.Count > 0)
        {
            Errors = errors.Select(e => new AppError("policy-form", e, e.Split('：', 2)[0])).ToList();
            return Page();
        }

        var r = await save.HandleAsync(new SavePolicyVersion(PolicyJson.Write(Document), Id), ct);
        if (!r.Succeeded)
        {
            Errors = r.Errors;
            return Page();
        }

        return RedirectToPage("View", new { id = Id, saved = true });
    }

    private void ChangeRows(string cmd)
    {
        var parts = cmd.Split(':');
        if (parts.Length < 3 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var owner))
        {
            return;
        }

        List<BandForm>? bands = parts[1] switch
        {
            "s" when owner < Form.Schemes.Count => Form.Schemes[owner].Bands ??= [],
            "l" when owner < Form.Layers.Count => Form.Layers[owner].Bands ??= [],
            _ => null,
        };
        if (bands is null)
        {
            return;
        }

        if (parts[0] == "add")
        {
            PolicyForm.AddBand(bands);
        }
        else if (parts[0] == "del" && parts.Length == 4 && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row < bands.Count)
        {
            bands.RemoveAt(row);
        }
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var v = await queries.GetAsync(Id, ct);
        if (v is null)
        {
            return NotFound();
        }

        if (v.Status != PolicyStatus.Draft)
        {
            return RedirectToPage("View", new { id = Id });
        }

        Version = v;
        Document = PolicyJson.Parse(v.Json);
        return null;
    }
}
