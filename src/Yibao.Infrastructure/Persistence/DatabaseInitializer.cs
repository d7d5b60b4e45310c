using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yibao.Domain.Admin;

namespace Yibao.Infrastructure.Persistence;

/// <summary>Applies migrations and the reference data every database needs (roles).</summary>
public sealed class DatabaseInitializer(AppDbContext db, RoleManager<IdentityRole> roles)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        return pending;
    }
}
