using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Institutions;

namespace Yibao.Web.Pages.Admin.ApiClients;

/// <summary>接口密钥管理: create (shown once) and revoke the API keys of designated institutions.</summary>
public sealed class IndexModel(ListApiClientsHandler list, CreateApiClientHandler create, RevokeApiClientHandler revoke) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public string? FixmedinsCode { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    public IReadOnlyList<ApiClientRow> Rows { get; private set; } = [];

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public CreatedApiClient? Created { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Rows = await list.HandleAsync(new ListApiClients(Q), ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var r = await create.HandleAsync(new CreateApiClient(FixmedinsCode ?? "", Name ?? ""), ct);
        if (r.Succeeded)
        {
            Created = r.Value;
        }
        else
        {
            Errors = r.Errors;
        }

        Rows = await list.HandleAsync(new ListApiClients(Q), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        var r = await revoke.HandleAsync(new RevokeApiClient(id), ct);
        if (r.Succeeded)
        {
            Message = "接口密钥已吊销，立即失效。";
        }
        else
        {
            Errors = r.Errors;
        }

        Rows = await list.HandleAsync(new ListApiClients(Q), ct);
        return Page();
    }
}
