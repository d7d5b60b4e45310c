using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Policies;
using Yibao.Domain.Policies;

namespace Yibao.Web.Pages.Policies;

/// <summary>两个版本的差异, field by field by JSON path.</summary>
public sealed class DiffModel(PolicyQueriesHandler queries) : PageModel
{
    public IReadOnlyList<PolicyDiffLine> Lines { get; private set; } = [];

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public long[] Ids { get; private set; } = [];

    public async Task OnGetAsync(long[] id, CancellationToken ct)
    {
        Ids = id ?? [];
        if (Ids.Length != 2)
        {
            Errors = [new AppError("diff-two", "比较：请选择两个版本")];
            return;
        }

        var r = await queries.DiffAsync(Ids.Min(), Ids.Max(), ct);
        Errors = r.Errors;
        Lines = r.Value ?? [];
    }
}
