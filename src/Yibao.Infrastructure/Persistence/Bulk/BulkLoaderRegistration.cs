using Microsoft.Extensions.DependencyInjection;
using Yibao.Infrastructure.Demo;
using Yibao.Infrastructure.Persistence;
using Yibao.Infrastructure.Persistence.Bulk;

namespace Yibao.Infrastructure;

public static class BulkLoaderRegistration
{
    /// <summary>Registers the provider's <see cref="IBulkLoader"/> and the demo county seeder.</summary>
    public static IServiceCollection AddYibaoBulk(this IServiceCollection services, DatabaseOptions db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            services.AddScoped<IBulkLoader, PostgresBulkLoader>();
        }
        else
        {
            services.AddScoped<IBulkLoader, SqliteBulkLoader>();
        }

        services.AddScoped<Application.Registry.IPersonImportWriter, PersonImportWriter>();
        services.AddScoped<Application.Contributions.ICollectionPlanWriter, CollectionPlanWriter>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DemoCareSeeder>();
        services.AddScoped<DemoSupervisionSeeder>();
        return services;
    }
}
