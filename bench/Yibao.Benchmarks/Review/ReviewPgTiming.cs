using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Yibao.Application.Common;
using Yibao.Application.Review;
using Yibao.Domain.Review;
using Yibao.Infrastructure;
using Yibao.Infrastructure.Persistence;
using Yibao.Infrastructure.Review;

namespace Yibao.Benchmarks.Review;

/// <summary>
/// <c>review-pg-timing</c>: the whole 事后 run (<see cref="RunReviewHandler"/>: read from PostgreSQL, evaluate, store flags) against
/// the same rules expressed as SQL executed by PostgreSQL, in one process on one database.
/// <para>
/// <c>review-pg-timing --lines N</c> creates a database on the server of YIBAO_TEST_PG, migrates it and loads a synthetic 2025
/// (about N fee lines, same shape as <see cref="ReviewYearGenerator"/>) with binary COPY; <c>review-pg-timing --db "Host=…;Database=…"</c>
/// uses an existing database (e.g. the demo county after <c>yibao demo seed</c>) as it is. Both import the sample rule set
/// when the database has no stored rules, then time: (1) all enabled 事后 rules (read + evaluate, the flag write, the whole run),
/// (2) the same rules through the engine again, (3) the same rules as SQL (<see cref="ReviewSqlBaseline"/>: every rule type), and
/// compare the two sides flag by flag; the exit code is 1 when any rule disagrees. CPU time is measured for this process and, when
/// the server runs on this machine, for PostgreSQL (/proc).
/// </para>
/// </summary>
public static class ReviewPgTiming
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Rule types with a SQL translation in <see cref="ReviewSqlBaseline"/> (all 21).</summary>
    public static readonly ReviewRuleType[] SqlTypes = ReviewSqlBaseline.SqlTypes;

    public static async Task<int> RunAsync(string[] args)
    {
        var lines = 2_000_000;
        var streams = 2;
        string? existing = null;
        var from = new DateOnly(2025, 1, 1);
        var to = new DateOnly(2025, 12, 31);
        for (var i = 1; i < args.Length - 1; i++)
        {
            switch (args[i])
            {
                case "--lines": lines = int.Parse(args[i + 1], Inv); break;
                case "--db": existing = args[i + 1]; break;
                case "--from": from = DateOnly.ParseExact(args[i + 1], "yyyy-MM-dd", Inv); break;
                case "--to": to = DateOnly.ParseExact(args[i + 1], "yyyy-MM-dd", Inv); break;
                case "--streams": streams = int.Parse(args[i + 1], Inv); break;
                default: break;
            }
        }

        var connection = existing;
        if (connection is null)
        {
            var admin = Environment.GetEnvironmentVariable("YIBAO_TEST_PG") ?? throw new InvalidOperationException("设置 YIBAO_TEST_PG（scripts/pg-temp.sh start）或用 --db 指定数据库");
            var name = "yibao_review_" + Guid.NewGuid().ToString("N")[..8];
            await using (var c = new NpgsqlConnection(admin))
            {
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
                await cmd.ExecuteNonQueryAsync();
            }

            connection = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            Console.WriteLine($"数据库 {name}");
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["YIBAO_DB_PROVIDER"] = "postgres",
            ["YIBAO_DB"] = connection,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddYibao(configuration);
        await using var sp = services.BuildServiceProvider();
        await using (var scope = sp.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        }

        if (existing is null)
        {
            var load = Stopwatch.StartNew();
            var n = await ReviewSyntheticYear.LoadAsync(connection, lines, ReviewYearGenerator.SampleRules());
            Console.WriteLine(string.Create(Inv, $"生成并 COPY 费用明细 {n:N0} 条，用时 {load.Elapsed.TotalSeconds:0.0} 秒"));
        }

        List<ReviewRule> rules;
        await using (var scope = sp.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
            rules = await ExportReviewRulesHandler.LoadAsync(db, null, default);
            if (rules.Count == 0)
            {
                var json = await File.ReadAllTextAsync(Path.Combine(ReviewYearGenerator.Root(), "samples", "review", "shifanxian-rules.json"));
                var r = await scope.ServiceProvider.GetRequiredService<ImportReviewRulesHandler>().HandleAsync(new ImportReviewRules(json));
                if (!r.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("；", r.Errors.Select(e => e.Message)));
                }

                rules = await ExportReviewRulesHandler.LoadAsync(db, null, default);
            }
        }

        var enabled = rules.Where(r => r.Status == ReviewRuleStatus.Enabled && (r.StageSet & ReviewStage.Post) != 0).ToList();
        var subset = enabled.Where(r => SqlTypes.Contains(r.Type)).ToList();
        Console.WriteLine($"规则：启用的事后规则 {enabled.Count} 条（{enabled.Select(r => r.Type).Distinct().Count()} 种类型）；有 SQL 基线的 {subset.Count} 条（SQL 基线覆盖全部 {SqlTypes.Length} 种规则类型）");

        var pgCpu = new PgCpu(connection);
        Console.WriteLine(string.Create(Inv, $"负载均值（开始）：{LoadAverage()}；PostgreSQL CPU 计量：{(pgCpu.Available ? "postmaster 及其子进程（/proc）" : "不可用（服务器不在本机）")}"));

        // 1. All enabled 事后 rules: read + evaluate with the CPU split (and the flag write alone, rolled back), then the whole
        // `review run` (read, evaluate, store).
        var allEval = await TimeEvaluateAsync(sp, pgCpu, from, to, enabled, streams, "全部规则（读取 + 计算）", timeWrite: true);
        var all = await TimeRunAsync(sp, pgCpu, from, to, null, streams, "全部规则（review run 全程，含写入疑点与扣款凭证）");

        // 2. The rules with a SQL baseline (all of them): the engine (read + evaluate) against the same rules as SQL in PostgreSQL; both return flags
        // with their lines and amounts to this process and nothing is stored.
        var engine = await TimeEvaluateAsync(sp, pgCpu, from, to, subset, streams, "同一规则集走引擎（读取 + 计算）", keepFlags: true);
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        var sqlCpu = pgCpu.Seconds();
        var appCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sqlWatch = Stopwatch.StartNew();
        var sqlByRule = new Dictionary<string, (List<BaselineFlag> Flags, double Seconds)>(StringComparer.Ordinal);
        foreach (var rule in subset)
        {
            var ruleWatch = Stopwatch.StartNew();
            sqlByRule[rule.Id] = (await ReviewSqlBaseline.RunAsync(conn, rule, from, to), ruleWatch.Elapsed.TotalSeconds);
        }

        var sqlSeconds = sqlWatch.Elapsed.TotalSeconds;
        var sqlApp = (Process.GetCurrentProcess().TotalProcessorTime - appCpu).TotalSeconds;
        var sqlPg = pgCpu.Seconds() - sqlCpu;

        // Rule by rule: flag count and amount on each side, then the flags themselves (the set of line ids and the amount of each).
        long sqlFlags = 0, sqlLines = 0;
        decimal sqlAmount = 0;
        var mismatches = new List<string>();
        Console.WriteLine("逐条规则比较（引擎 / SQL：疑点数、金额；SQL 语句墙钟）：");
        foreach (var rule in subset)
        {
            var (flags, seconds) = sqlByRule[rule.Id];
            var mine = engine.Flags!.TryGetValue(rule.Id, out var list) ? list : [];
            var amount = flags.Sum(f => f.Amount);
            sqlFlags += flags.Count;
            sqlLines += flags.Sum(f => (long)f.Ids.Length);
            sqlAmount += amount;
            var diff = ReviewSqlBaseline.Compare(mine, flags);
            if (diff is not null)
            {
                mismatches.Add(rule.Id + "：" + diff);
            }

            Console.WriteLine(string.Create(Inv,
                $"  {rule.Id,-8} {rule.Type.ChineseName(),-14} 引擎 {mine.Count,8:N0} 个 {mine.Sum(f => f.Amount),16:N2} 元 / SQL {flags.Count,8:N0} 个 {amount,16:N2} 元；" +
                $"{seconds,8:0.000} 秒  {(diff is null ? "一致" : "不一致")}"));
        }
        Console.WriteLine(string.Create(Inv,
            $"SQL 基线（PostgreSQL 执行，逐条返回疑点）：{subset.Count} 条语句，疑点 {sqlFlags:N0} 个（涉及明细 {sqlLines:N0} 条），金额 {sqlAmount:0.00} 元；墙钟 {sqlSeconds:0.000} 秒；" +
            $"PostgreSQL CPU {Fmt(sqlPg)} 秒，本进程 CPU {sqlApp:0.000} 秒"));
        Console.WriteLine(mismatches.Count == 0
            ? string.Create(Inv, $"一致性：{subset.Count} 条规则逐条比较，引擎与 SQL 的疑点逐个相同（每个疑点的明细 id 集合与金额完全相同）")
            : "一致性：不一致 —— " + string.Join("；", mismatches));
        var engineCpu = engine.AppCpu + (engine.PgCpu ?? 0);
        var cpuRatio = sqlPg is { } sqlPgSeconds && engine.PgCpu is not null ? ((sqlPgSeconds + sqlApp) / engineCpu).ToString("0.00", Inv) : "—";
        Console.WriteLine(string.Create(Inv,
            $"比值（SQL 基线 / 引擎，同一规则集、同一输出）：墙钟 {sqlSeconds / engine.Seconds:0.00}；CPU {cpuRatio}（引擎 = 本进程 {engine.AppCpu:0.000} + PostgreSQL 读取 {Fmt(engine.PgCpu)}；" +
            $"SQL = PostgreSQL {Fmt(sqlPg)} + 本进程 {sqlApp:0.000}）"));
        Console.WriteLine(string.Create(Inv,
            $"全部规则 {all.RuleCount} 条：{all.LineCount:N0} 条明细，review run 墙钟 {all.TotalSeconds:0.000} 秒；规则计算 {allEval.EvalCpu:0.000} CPU 秒 = {all.LineCount / Math.Max(1e-9, allEval.EvalCpu):N0} 条/CPU 秒（单线程）；" +
            $"读取 本进程 {allEval.ReadCpu:0.000} CPU 秒 + PostgreSQL {Fmt(allEval.PgCpu)} CPU 秒"));
        Console.WriteLine(string.Create(Inv, $"负载均值（结束）：{LoadAverage()}"));
        if (mismatches.Count > 0)
        {
            Console.Error.WriteLine(string.Create(Inv, $"SQL 基线与引擎不一致：{mismatches.Count} 条规则"));
            return 1;
        }

        return 0;
    }

    private static string Fmt(double? seconds) => seconds is { } s ? s.ToString("0.000", Inv) : "—";

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "—";

    private sealed record EvalTiming(double Seconds, double ReadSeconds, double ReadCpu, double EvalCpu, double AppCpu, double? PgCpu, int Lines, int FlagCount,
        Dictionary<string, List<BaselineFlag>>? Flags);

    /// <summary>The evaluation path of ReviewEvaluator (engine built first, then read, then evaluate), timed phase by phase.</summary>
    private static async Task<EvalTiming> TimeEvaluateAsync(IServiceProvider sp, PgCpu pgCpu, DateOnly from, DateOnly to, List<ReviewRule> rules, int streams, string label,
        bool timeWrite = false, bool keepFlags = false)
    {
        await using var scope = sp.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<IReviewBatchReader>();
        if (reader is ReviewBatchReader concrete)
        {
            concrete.Streams = streams;
        }

        GC.Collect();
        var pg0 = pgCpu.Seconds();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var alloc0 = GC.GetTotalAllocatedBytes(true);
        var watch = Stopwatch.StartNew();
        var items = new CodeTable();
        var engine = new ReviewEngine(rules, items);
        var data = await reader.ReadAsync(from, to, items);
        var read = watch.Elapsed.TotalSeconds;
        var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
        var pg1 = pgCpu.Seconds();
        var alloc1 = GC.GetTotalAllocatedBytes(true);
        var flags = engine.Evaluate(data.Batch);
        var total = watch.Elapsed.TotalSeconds;
        var cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
        var lines = data.Batch.LineCount;
        var t = new EvalTiming(total, read, (cpu1 - cpu0).TotalSeconds, (cpu2 - cpu1).TotalSeconds, (cpu2 - cpu0).TotalSeconds, pg1 - pg0, lines, flags.Count,
            keepFlags ? ReviewSqlBaseline.FromEngine(flags, data.LineIds) : null);
        Console.WriteLine(string.Create(Inv,
            $"{label}：规则 {rules.Count} 条，明细 {lines:N0} 条（{streams} 路 COPY），疑点 {flags.Count:N0} 个，金额 {flags.Sum(f => f.Amount):0.00} 元；" +
            $"墙钟 {total:0.000} 秒（读取 {read:0.000}，计算 {total - read:0.000}）；本进程 CPU 读取 {t.ReadCpu:0.000} 秒、计算 {t.EvalCpu:0.000} 秒；" +
            $"PostgreSQL CPU（读取）{Fmt(t.PgCpu)} 秒；读取分配 {(alloc1 - alloc0) / 1048576.0:N0} MB（{(double)(alloc1 - alloc0) / Math.Max(1, lines):0.0} 字节/条）；" +
            $"计算 {lines / Math.Max(1e-9, t.EvalCpu):N0} 条/CPU 秒，读取 {lines / Math.Max(1e-9, t.ReadCpu + (t.PgCpu ?? 0)):N0} 条/CPU 秒（两边合计）"));
        if (timeWrite)
        {
            // The store step of RunReviewHandler for these flags (疑点记录 + binary COPY), in a transaction that is rolled back.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var writer = scope.ServiceProvider.GetRequiredService<IReviewFlagWriter>();
            var ev = new ReviewEvaluation(data, rules, flags, read, total - read);
            for (var round = 1; round <= 2; round++)
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                var run = new ReviewRun { FromDate = from, ToDate = to, RuleCodes = "bench", RuleCount = rules.Count, StartedAt = DateTime.UtcNow, StartedBy = "bench" };
                db.ReviewRuns.Add(run);
                await db.SaveChangesAsync();
                var w0 = Stopwatch.StartNew();
                var c0 = Process.GetCurrentProcess().TotalProcessorTime;
                var p0 = pgCpu.Seconds();
                var records = RunReviewHandler.ToRecords(run.Id, ev);
                var c1 = Process.GetCurrentProcess().TotalProcessorTime;
                await writer.WriteAsync(records);
                var c2 = Process.GetCurrentProcess().TotalProcessorTime;
                var p1 = pgCpu.Seconds();
                var wall = w0.Elapsed.TotalSeconds;
                await tx.RollbackAsync();
                db.ChangeTracker.Clear();
                Console.WriteLine(string.Create(Inv,
                    $"写入疑点（第 {round} 次，事务回滚）：{records.Count:N0} 个；墙钟 {wall:0.000} 秒；本进程 CPU 生成记录 {(c1 - c0).TotalSeconds:0.000} 秒、COPY 写入 {(c2 - c1).TotalSeconds:0.000} 秒" +
                    $"（{(c2 - c0).TotalSeconds * 1e6 / Math.Max(1, records.Count):0.0} 微秒/个）；PostgreSQL CPU {Fmt(p1 - p0)} 秒"));
            }
        }

        return t;
    }

    private static async Task<ReviewRun> TimeRunAsync(IServiceProvider sp, PgCpu pgCpu, DateOnly from, DateOnly to, IReadOnlyList<string>? codes, int streams, string label)
    {
        await using var scope = sp.CreateAsyncScope();
        if (scope.ServiceProvider.GetRequiredService<IReviewBatchReader>() is ReviewBatchReader concrete)
        {
            concrete.Streams = streams;
        }

        GC.Collect();
        var pg0 = pgCpu.Seconds();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var r = await scope.ServiceProvider.GetRequiredService<RunReviewHandler>().HandleAsync(new RunReview(from, to, codes));
        if (!r.Succeeded)
        {
            throw new InvalidOperationException(string.Join("；", r.Errors.Select(e => e.Message)));
        }

        var s = r.Value!;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var pg = pgCpu.Seconds() - pg0;
        Console.WriteLine(string.Create(Inv,
            $"{label}：规则 {s.RuleCount} 条，明细 {s.LineCount:N0} 条，疑点 {s.FlagCount:N0} 个，金额 {s.FlagAmount:0.00} 元；墙钟 {watch.Elapsed.TotalSeconds:0.000} 秒（读取 {s.ReadSeconds:0.000}，" +
            $"计算 {s.EvaluateSeconds:0.000}，写入 {s.TotalSeconds - s.ReadSeconds - s.EvaluateSeconds:0.000}）；本进程 CPU {cpuSeconds:0.000} 秒，PostgreSQL CPU {Fmt(pg)} 秒"));
        return s;
    }

    /// <summary>
    /// CPU seconds used by the PostgreSQL server of a connection when it runs on this machine: the postmaster's own and its
    /// reaped children's (cutime/cstime) plus its live children's (backends, background workers), from /proc.
    /// </summary>
    private sealed class PgCpu
    {
        private readonly int _postmaster;

        public PgCpu(string connection)
        {
            try
            {
                using var c = new NpgsqlConnection(connection);
                c.Open();
                using var cmd = new NpgsqlCommand("SHOW data_directory", c);
                var dir = (string)cmd.ExecuteScalar()!;
                var pidFile = Path.Combine(dir, "postmaster.pid");
                _postmaster = File.Exists(pidFile) ? int.Parse(File.ReadLines(pidFile).First(), Inv) : 0;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or UnauthorizedAccessException or FormatException)
            {
                _postmaster = 0;
            }
        }

        public bool Available => _postmaster > 0 && File.Exists($"/proc/{_postmaster}/stat");

        public double? Seconds()
        {
            if (!Available)
            {
                return null;
            }

            var ticks = Fields(_postmaster) is { } pm ? pm[11] + pm[12] + pm[13] + pm[14] : 0;
            foreach (var d in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(d), NumberStyles.None, Inv, out var pid) && pid != _postmaster && Fields(pid) is { } f && f[1] == _postmaster)
                {
                    ticks += f[11] + f[12];
                }
            }

            return ticks / 100.0; // USER_HZ
        }

        /// <summary>Fields of /proc/pid/stat after the command name: [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
        private static long[]? Fields(int pid)
        {
            try
            {
                var text = File.ReadAllText($"/proc/{pid}/stat");
                var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                return [.. rest.Take(15).Select(x => long.TryParse(x, NumberStyles.AllowLeadingSign, Inv, out var v) ? v : 0)];
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}
