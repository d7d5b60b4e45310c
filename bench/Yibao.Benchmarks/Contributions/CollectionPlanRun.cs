using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Yibao.Application.Contributions;
using Yibao.Domain.Contributions;
using Yibao.Domain.Registry;
using Yibao.Infrastructure;
using Yibao.Infrastructure.Demo;
using Yibao.Infrastructure.Persistence;
using Yibao.Infrastructure.Persistence.Bulk;

namespace Yibao.Benchmarks.Contributions;

/// <summary>
/// 按月编制征收计划 for every employer of a demo county (issue #3 target: under 10 s for 250,000 persons).
/// <code>dotnet run -c Release --project bench/Yibao.Benchmarks -- contribution-plans [--insured 250000] [--provider sqlite|postgres]</code>
/// Seeds a fresh database (PostgreSQL from YIBAO_TEST_PG, else a temporary SQLite file) with the demo county, the year's
/// policy and a 核定 base for every in-service 310 employee, then times the job (first run, then a regeneration that
/// replaces every unpaid plan) against a baseline measured in the same run: reading the job's inputs alone.
/// </summary>
public static class CollectionPlanRun
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var insured = 250_000;
        var provider = "sqlite";
        for (var i = 1; i < args.Length - 1; i++)
        {
            if (args[i] == "--insured")
            {
                insured = int.Parse(args[i + 1], Inv);
            }
            else if (args[i] == "--provider")
            {
                provider = args[i + 1];
            }
        }

        string connection;
        string? sqliteFile = null, pgAdmin = null, pgName = null;
        if (provider == "postgres")
        {
            pgAdmin = Environment.GetEnvironmentVariable("YIBAO_TEST_PG") ?? throw new InvalidOperationException("设置 YIBAO_TEST_PG（scripts/pg-temp.sh start）后再运行 PostgreSQL 基准");
            pgName = "yibao_bench_" + Guid.NewGuid().ToString("N")[..8];
            await using (var c = new NpgsqlConnection(pgAdmin))
            {
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {pgName}", c);
                await cmd.ExecuteNonQueryAsync();
            }

            connection = new NpgsqlConnectionStringBuilder(pgAdmin) { Database = pgName }.ConnectionString;
        }
        else
        {
            sqliteFile = Path.Combine(Path.GetTempPath(), "yibao-bench-plans-" + Guid.NewGuid().ToString("N") + ".db");
            connection = "Data Source=" + sqliteFile;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["YIBAO_DB_PROVIDER"] = provider,
            ["YIBAO_DB"] = connection,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddYibao(configuration);
        await using var sp = services.BuildServiceProvider();
        try
        {
            var period = ContributionPeriod.Of(2026, 11);
            var setup = Stopwatch.StartNew();
            await using (var scope = sp.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
                var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(new DemoCountyOptions(insured));
                if (!seeded.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("；", seeded.Errors.Select(e => e.Message)));
                }
            }

            int bases;
            await using (var scope = sp.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var policy = new EmployeeContributionPolicy(DemoCountyGenerator.CountyCode, 2026, 6_500m, 0.6m, 3m, 0.08m, 0.02m, 0.10m);
                db.EmployeeContributionPolicies.Add(policy);
                await db.SaveChangesAsync();
                var employees = await db.Enrollments.AsNoTracking()
                    .Where(e => e.InsuranceType == InsuranceType.EmployeeBasic && e.Category == PersonCategory.InService && e.EmployerId != null)
                    .Select(e => new { e.PersonId, EmployerId = e.EmployerId!.Value }).ToListAsync();
                var rng = new Random(2026);
                long id = 0;
                var rows = employees.DistinctBy(e => (e.PersonId, e.EmployerId)).Select(e => new ContributionBase
                {
                    Id = ++id, EmployerId = e.EmployerId, PersonId = e.PersonId, PoolAreaCode = DemoCountyGenerator.CountyCode, Year = 2026,
                    DeclaredBase = decimal.Round(policy.Floor + ((decimal)rng.NextDouble() * (policy.Ceiling - policy.Floor) / 3m), 2),
                }).ToList();
                foreach (var r in rows)
                {
                    r.ApprovedBase = r.DeclaredBase;
                }

                var bulk = scope.ServiceProvider.GetRequiredService<IBulkLoader>();
                await using (bulk)
                {
                    await bulk.BeginAsync();
                    bases = await bulk.WriteContributionBasesAsync(rows);
                    await bulk.CommitAsync();
                }
            }

            Console.WriteLine(string.Create(Inv, $"准备：示范县 {insured:N0} 人，核定基数 {bases:N0} 条，{provider}，用时 {setup.Elapsed.TotalSeconds:0.0} 秒"));

            // Baseline: reading the job's inputs (enrollments joined with bases) without computing or writing.
            var baseline = Stopwatch.StartNew();
            await using (var scope = sp.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var first = ContributionPeriod.FirstDay(period);
                var last = ContributionPeriod.LastDay(period);
                var n = await (from e in db.Enrollments.AsNoTracking()
                               where e.InsuranceType == InsuranceType.EmployeeBasic && e.Category == PersonCategory.InService && e.EmployerId != null
                                     && e.BeginDate <= last && (e.EndDate == null || e.EndDate >= first)
                               join b in db.ContributionBases.AsNoTracking().Where(b => b.Year == 2026) on new { P = e.PersonId, E = e.EmployerId!.Value } equals new { P = b.PersonId, E = b.EmployerId }
                               select new { e.EmployerId, e.PersonId, b.ApprovedBase }).ToListAsync();
                Console.WriteLine(string.Create(Inv, $"基线（只读取输入 {n.Count:N0} 行）：{baseline.Elapsed.TotalSeconds:0.00} 秒"));
            }

            var baselineSeconds = baseline.Elapsed.TotalSeconds;
            foreach (var label in new[] { "首次编制", "重新编制（替换未缴计划）" })
            {
                var watch = Stopwatch.StartNew();
                await using var scope = sp.CreateAsyncScope();
                var r = await scope.ServiceProvider.GetRequiredService<GenerateCollectionPlansHandler>().HandleAsync(new GenerateCollectionPlans(period));
                if (!r.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("；", r.Errors.Select(e => e.Message)));
                }

                var s = r.Value!;
                Console.WriteLine(string.Create(Inv,
                    $"{label}：{s.Plans:N0} 个单位，{s.Lines:N0} 人，应缴合计 {s.Total:N2} 元，替换 {s.Replaced:N0}，用时 {watch.Elapsed.TotalSeconds:0.00} 秒（基线的 {watch.Elapsed.TotalSeconds / baselineSeconds:0.0} 倍）"));
            }

            return 0;
        }
        finally
        {
            if (sqliteFile is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Delete(sqliteFile);
            }

            if (pgName is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var c = new NpgsqlConnection(pgAdmin);
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {pgName} WITH (FORCE)", c);
                await cmd.ExecuteNonQueryAsync();
            }
        }
    }
}
