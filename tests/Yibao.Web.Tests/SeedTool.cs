using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Admin;
using Yibao.Domain.Admin;

namespace Yibao.Web.Tests;

/// <summary>
/// Not a test: seeds accounts into a database you want to look at by hand (there is no `yibao admin create` yet).
/// Run explicitly:  YIBAO_SEED_DB="Data Source=/tmp/webshell.db" dotnet test tests/Yibao.Web.Tests --filter "FullyQualifiedName~SeedTool" -- xUnit.Explicit=only
/// Creates admin / Admin-Pass-2024 (系统管理员) and clerk / Clerk-Pass-2024 (经办员) if missing.
/// </summary>
public sealed class SeedTool
{
    [Fact(Explicit = true)]
    public async Task Seed_accounts_into_YIBAO_SEED_DB()
    {
        var cs = Environment.GetEnvironmentVariable("YIBAO_SEED_DB");
        Assert.SkipWhen(string.IsNullOrEmpty(cs), "YIBAO_SEED_DB not set");
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("YIBAO_DB_PROVIDER", "sqlite");
            b.UseSetting("YIBAO_DB", cs);
        });
        _ = factory.Server;
        using var scope = factory.Services.CreateScope();
        var staff = scope.ServiceProvider.GetRequiredService<IStaffDirectory>();
        foreach (var (name, display, password, role) in new[] { ("admin", "张管理", "Admin-Pass-2024", Roles.Administrator), ("clerk", "李经办", "Clerk-Pass-2024", Roles.Clerk) })
        {
            if (await staff.FindByNameAsync(name) is null)
            {
                (await staff.CreateAsync(name, display, password, [role], mustChangePassword: false)).Succeeded.ShouldBeTrue();
            }
        }
    }
}
