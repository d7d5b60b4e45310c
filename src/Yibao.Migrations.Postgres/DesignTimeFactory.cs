using Microsoft.EntityFrameworkCore.Design;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Migrations.Postgres;

/// <summary>Used by <c>dotnet ef migrations add</c> only; never opens a connection.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(DbContextOptionsFactory.Create(new DatabaseOptions(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=yibao_design;Username=postgres")));
}
