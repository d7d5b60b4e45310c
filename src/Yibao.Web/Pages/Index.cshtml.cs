using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Home;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages;

/// <summary>首页: real figures from <see cref="GetDashboardHandler"/>.</summary>
public sealed class IndexModel(GetDashboardHandler handler) : PageModel
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public Dashboard Dashboard { get; private set; } = null!;

    public string ChartLabels { get; private set; } = "[]";

    public string ChartValues { get; private set; } = "[]";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Dashboard = await handler.HandleAsync(cancellationToken);
        // Every type appears in the chart, with 0 where there are none yet.
        var types = Enum.GetValues<Domain.Institutions.InstitutionType>();
        ChartLabels = JsonSerializer.Serialize(types.Select(Labels.Of), Json);
        ChartValues = JsonSerializer.Serialize(types.Select(t => Dashboard.InstitutionsByType.FirstOrDefault(x => x.Key == t).Value), Json);
    }
}
