using Microsoft.AspNetCore.Mvc;
using Yibao.Application.Contributions;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Contributions;

/// <summary>征收计划明细: one employer-month with each employee's base and amounts.</summary>
public sealed class PlanModel(ContributionQueriesHandler queries) : ContributionPageModel
{
    public PlanRow Plan { get; private set; } = null!;
    public IReadOnlyList<PlanLineRow> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var (plan, lines) = await queries.PlanAsync(id, RegistryAccess.ShowFullId(User), ct);
        if (plan is null)
        {
            return NotFound();
        }

        Plan = plan;
        Lines = lines;
        return Page();
    }
}
