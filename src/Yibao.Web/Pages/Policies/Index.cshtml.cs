using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Policies;
using Yibao.Domain.Policies;

namespace Yibao.Web.Pages.Policies;

/// <summary>待遇政策参数集 list, with the diff of two chosen versions.</summary>
public sealed class IndexModel(PolicyQueriesHandler queries) : PageModel
{
    public IReadOnlyList<PolicyVersion> Versions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Versions = await queries.ListAsync(null, ct);
}
