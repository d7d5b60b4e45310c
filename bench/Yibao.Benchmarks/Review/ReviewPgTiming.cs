using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Yibao.Application.Common;
using Yibao.Application.Review;
using Yibao.Domain.Catalogs;
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
/// when the database has no stored rules, then time: (1) all enabled 事后 rules, (2) the SQL-expressible subset through the
/// engine, (3) the same subset as SQL. CPU time is the process's (the engine's side; PostgreSQL's own CPU is not included).
/// </para>
/// </summary>
public static class ReviewPgTiming
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Rule types with a SQL translation in <see cref="Sql"/>.</summary>
    public static readonly ReviewRuleType[] SqlTypes =
    [
        ReviewRuleType.GenderLimit, ReviewRuleType.AgeLimit, ReviewRuleType.Indication, ReviewRuleType.InstitutionLevelLimit, ReviewRuleType.VisitTypeLimit,
        ReviewRuleType.PriceCap, ReviewRuleType.QuantityPerDay, ReviewRuleType.DuplicateCharge,
    ];

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
            var n = await LoadAsync(connection, lines);
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
        Console.WriteLine($"规则：启用的事后规则 {enabled.Count} 条；可用 SQL 表达的子集 {subset.Count} 条（{string.Join("、", SqlTypes.Select(t => t.ChineseName()))}）");

        var pgCpu = new PgCpu(connection);
        Console.WriteLine(string.Create(Inv, $"负载均值（开始）：{LoadAverage()}；PostgreSQL CPU 计量：{(pgCpu.Available ? "postmaster 及其子进程（/proc）" : "不可用（服务器不在本机）")}"));

        // 1. All enabled 事后 rules: read + evaluate with the CPU split (and the flag write alone, rolled back), then the whole
        // `review run` (read, evaluate, store).
        var allEval = await TimeEvaluateAsync(sp, pgCpu, from, to, enabled, streams, "全部规则（读取 + 计算）", timeWrite: true);
        var all = await TimeRunAsync(sp, pgCpu, from, to, null, streams, "全部规则（review run 全程，含写入疑点与扣款凭证）");

        // 2. The SQL-expressible subset: the engine (read + evaluate) against the same rules as SQL in PostgreSQL; both return flags
        // with their lines and amounts to this process and nothing is stored.
        var engine = await TimeEvaluateAsync(sp, pgCpu, from, to, subset, streams, "SQL 子集走引擎（读取 + 计算）");
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        var sqlCpu = pgCpu.Seconds();
        var appCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sqlWatch = Stopwatch.StartNew();
        long sqlFlags = 0, sqlLines = 0;
        decimal sqlAmount = 0;
        var mismatches = new List<string>();
        foreach (var rule in subset)
        {
            var (sql, parameters) = Sql(rule, from, to);
            await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 3600 };
            cmd.Parameters.AddRange(parameters);
            await using var reader = await cmd.ExecuteReaderAsync();
            long n = 0;
            decimal amount = 0;
            while (await reader.ReadAsync())
            {
                n++;
                sqlLines += reader.GetFieldType(0) == typeof(long) ? 1 : reader.GetFieldValue<long[]>(0).Length;
                amount += reader.GetDecimal(1);
            }

            sqlFlags += n;
            sqlAmount += amount;
            var (en, ea) = engine.ByRule.TryGetValue(rule.Id, out var x) ? x : (0, 0m);
            if (en != n || Math.Abs(ea - amount) > 0.01m * n)
            {
                mismatches.Add(string.Create(Inv, $"{rule.Id}：引擎 {en} 个 {ea:0.00} 元，SQL {n} 个 {amount:0.00} 元"));
            }
        }

        var sqlSeconds = sqlWatch.Elapsed.TotalSeconds;
        var sqlApp = (Process.GetCurrentProcess().TotalProcessorTime - appCpu).TotalSeconds;
        var sqlPg = pgCpu.Seconds() - sqlCpu;
        Console.WriteLine(string.Create(Inv,
            $"SQL 子集（PostgreSQL 执行，逐条返回疑点）：{subset.Count} 条语句，疑点 {sqlFlags:N0} 个（涉及明细 {sqlLines:N0} 条），金额 {sqlAmount:0.00} 元；墙钟 {sqlSeconds:0.000} 秒；" +
            $"PostgreSQL CPU {Fmt(sqlPg)} 秒，本进程 CPU {sqlApp:0.000} 秒"));
        Console.WriteLine(mismatches.Count == 0
            ? string.Create(Inv, $"一致性：{subset.Count} 条规则逐条比较，引擎与 SQL 的疑点数相同、金额相同（每个疑点容差 0.01 元：逐行与按组四舍五入）")
            : "一致性：不一致 —— " + string.Join("；", mismatches));
        var engineCpu = engine.AppCpu + (engine.PgCpu ?? 0);
        var cpuRatio = sqlPg is { } sqlPgSeconds && engine.PgCpu is not null ? ((sqlPgSeconds + sqlApp) / engineCpu).ToString("0.00", Inv) : "—";
        Console.WriteLine(string.Create(Inv,
            $"比值（SQL 基线 / 引擎，同一子集、同一输出）：墙钟 {sqlSeconds / engine.Seconds:0.00}；CPU {cpuRatio}（引擎 = 本进程 {engine.AppCpu:0.000} + PostgreSQL 读取 {Fmt(engine.PgCpu)}；" +
            $"SQL = PostgreSQL {Fmt(sqlPg)} + 本进程 {sqlApp:0.000}）"));
        Console.WriteLine(string.Create(Inv,
            $"全部规则 {all.RuleCount} 条：{all.LineCount:N0} 条明细，review run 墙钟 {all.TotalSeconds:0.000} 秒；规则计算 {allEval.EvalCpu:0.000} CPU 秒 = {all.LineCount / Math.Max(1e-9, allEval.EvalCpu):N0} 条/CPU 秒（单线程）；" +
            $"读取 本进程 {allEval.ReadCpu:0.000} CPU 秒 + PostgreSQL {Fmt(allEval.PgCpu)} CPU 秒"));
        Console.WriteLine(string.Create(Inv, $"负载均值（结束）：{LoadAverage()}"));
        return 0;
    }

    private static string Fmt(double? seconds) => seconds is { } s ? s.ToString("0.000", Inv) : "—";

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "—";

    private sealed record EvalTiming(double Seconds, double ReadSeconds, double ReadCpu, double EvalCpu, double AppCpu, double? PgCpu, int Lines, int Flags,
        Dictionary<string, (long Count, decimal Amount)> ByRule);

    /// <summary>The evaluation path of ReviewEvaluator (engine built first, then read, then evaluate), timed phase by phase.</summary>
    private static async Task<EvalTiming> TimeEvaluateAsync(IServiceProvider sp, PgCpu pgCpu, DateOnly from, DateOnly to, List<ReviewRule> rules, int streams, string label,
        bool timeWrite = false)
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
        var byRule = flags.GroupBy(f => f.RuleId).ToDictionary(g => g.Key, g => ((long)g.Count(), g.Sum(f => f.Amount)), StringComparer.Ordinal);
        var lines = data.Batch.LineCount;
        var t = new EvalTiming(total, read, (cpu1 - cpu0).TotalSeconds, (cpu2 - cpu1).TotalSeconds, (cpu2 - cpu0).TotalSeconds, pg1 - pg0, lines, flags.Count, byRule);
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

    /// <summary>
    /// One rule as SQL returning its flags — one row per flag (the flagged line, or the lines of a flagged group) with the amount —
    /// with the rule's effective dates and scope: the same output the engine produces, so the two sides do the same work.
    /// </summary>
    public static (string Sql, NpgsqlParameter[] Parameters) Sql(ReviewRule r, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(r);
        var p = r.Parameters;
        var ps = new List<NpgsqlParameter>
        {
            new("from", NpgsqlDbType.Date) { Value = Max(from, r.EffectiveFrom) },
            new("to", NpgsqlDbType.Date) { Value = Min(to, r.EffectiveTo) },
            new("items", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = p.Items.ToArray() },
        };
        var where = new StringBuilder("e.begin_date >= @from AND e.begin_date <= @to AND e.status <> 3 AND NOT f.cancelled AND f.med_list_codg = ANY(@items)");
        if (r.Scope.Insutypes.Count > 0)
        {
            ps.Add(new("scope_insutypes", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = r.Scope.Insutypes.ToArray() });
            where.Append(" AND e.insutype = ANY(@scope_insutypes)");
        }

        if (r.Scope.VisitTypes.Count > 0)
        {
            ps.Add(new("scope_visits", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = r.Scope.VisitTypes.Select(v => (int)v).ToArray() });
            where.Append(" AND e.med_type = ANY(@scope_visits)");
        }

        if (r.Scope.InstitutionLevels.Count > 0)
        {
            ps.Add(new("scope_levels", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = r.Scope.InstitutionLevels.ToArray() });
            where.Append(" AND i.level = ANY(@scope_levels)");
        }

        if (r.Scope.InstitutionTypes.Count > 0)
        {
            ps.Add(new("scope_types", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = r.Scope.InstitutionTypes.Select(v => (int)v).ToArray() });
            where.Append(" AND i.type = ANY(@scope_types)");
        }

        const string From = " FROM fee_details f JOIN medical_encounters e ON e.id = f.encounter_id JOIN institutions i ON i.id = e.institution_id JOIN persons p ON p.id = e.person_id WHERE ";
        string sql;
        switch (r.Type)
        {
            case ReviewRuleType.GenderLimit:
                ps.Add(new("gender", NpgsqlDbType.Integer) { Value = p.Gender ?? 0 });
                sql = "SELECT f.id, f.det_item_fee_sumamt" + From + where + " AND p.gender <> @gender";
                break;
            case ReviewRuleType.AgeLimit:
                ps.Add(new("min_age", NpgsqlDbType.Integer) { Value = p.MinAge ?? 0 });
                ps.Add(new("max_age", NpgsqlDbType.Integer) { Value = p.MaxAge ?? 999 });
                sql = "SELECT f.id, f.det_item_fee_sumamt" + From + where +
                      " AND (date_part('year', age(e.begin_date, p.birth_date)) < @min_age OR date_part('year', age(e.begin_date, p.birth_date)) > @max_age)";
                break;
            case ReviewRuleType.Indication:
                ps.Add(new("prefixes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = p.Diagnoses.Select(d => d + "%").ToArray() });
                sql = "SELECT f.id, f.det_item_fee_sumamt" + From + where +
                      " AND NOT EXISTS (SELECT 1 FROM unnest(string_to_array(coalesce(e.dscg_maindiag_code, e.dise_codg, ''), ';')) d WHERE trim(d) LIKE ANY(@prefixes))";
                break;
            case ReviewRuleType.InstitutionLevelLimit:
                ps.Add(new("min_level", NpgsqlDbType.Integer) { Value = p.MinLevel ?? 0 });
                sql = "SELECT f.id, f.det_item_fee_sumamt" + From + where + " AND i.level < @min_level";
                break;
            case ReviewRuleType.VisitTypeLimit:
                ps.Add(new("visits", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = p.VisitTypes.Select(v => (int)v).ToArray() });
                sql = "SELECT f.id, f.det_item_fee_sumamt" + From + where + " AND NOT (e.med_type = ANY(@visits))";
                break;
            case ReviewRuleType.PriceCap:
                ps.Add(new("max_price", NpgsqlDbType.Numeric) { Value = p.MaxPrice ?? 0m });
                sql = "SELECT f.id, least(f.det_item_fee_sumamt, round((f.pric - @max_price) * f.cnt, 2))" + From + where + " AND f.pric > @max_price";
                break;
            case ReviewRuleType.QuantityPerDay:
                ps.Add(new("max_qty", NpgsqlDbType.Numeric) { Value = p.MaxQuantity ?? 0m });
                sql = "SELECT ids, round(amount * (qty - @max_qty) / qty, 2) FROM (SELECT array_agg(f.id) ids, sum(f.cnt) qty, sum(f.det_item_fee_sumamt) amount" +
                      From + where + " GROUP BY e.person_id, f.fee_ocur_date HAVING sum(f.cnt) > @max_qty) g";
                break;
            case ReviewRuleType.DuplicateCharge:
                sql = "SELECT ids, amount - largest FROM (SELECT array_agg(f.id) ids, sum(f.det_item_fee_sumamt) amount, max(f.det_item_fee_sumamt) largest" +
                      From + where + " GROUP BY f.encounter_id, f.med_list_codg, f.fee_ocur_date, f.cnt, f.pric HAVING count(*) > 1) g";
                break;
            default:
                throw new NotSupportedException(r.Type.ToString());
        }

        return (sql, [.. ps]);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>A synthetic 2025 (same shape as <see cref="ReviewYearGenerator"/>) written with binary COPY; returns the fee lines written.</summary>
    private static async Task<long> LoadAsync(string connection, int lines)
    {
        var catalog = DemoCatalogGenerator.Generate();
        var rules = ReviewYearGenerator.SampleRules();
        var ruleCodes = rules.Rules.SelectMany(r => r.Parameters.Items.Concat(r.Parameters.OtherItems).Concat(r.Parameters.CompanionItems)).Distinct(StringComparer.Ordinal).ToArray();
        var codes = catalog.Select(i => i.Code).ToArray();
        var caps = catalog.Select(i => i.PriceCap ?? 0m).ToArray();
        string[] diagnoses = ["I10.x00", "E11.900", "J18.900", "C34.900", "C18.900", "N18.500", "I21.900", "K35.900", "H25.900", "J06.900"];
        string[] insutypes = ["390", "390", "390", "310"];
        ulong state = 20250601;
        int Next(int n)
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            return (int)((state >> 33) % (ulong)n);
        }

        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using (var w = await conn.BeginBinaryImportAsync("COPY institutions (id, fixmedins_code, fixmedins_name, type, level, status, pool_area_code) FROM STDIN (FORMAT BINARY)"))
        {
            for (var k = 0; k < 60; k++)
            {
                await w.StartRowAsync();
                w.Write((long)(k + 1), NpgsqlDbType.Bigint);
                w.Write("HB" + (k + 1).ToString("D10", Inv), NpgsqlDbType.Varchar);
                w.Write("基准测试机构" + (k + 1).ToString(Inv), NpgsqlDbType.Varchar);
                w.Write(k < 10 ? 1 : k < 30 ? 2 : k < 50 ? 3 : 4, NpgsqlDbType.Integer);
                w.Write(k % 4, NpgsqlDbType.Integer);
                w.Write(1, NpgsqlDbType.Integer);
                w.Write("130123", NpgsqlDbType.Varchar);
            }

            await w.CompleteAsync();
        }

        var jan1 = new DateOnly(2025, 1, 1).DayNumber;
        long count = 0, encId = 0, lineId = 0;
        var persons = lines / 60 + 1;
        // Persons first (COPY streams cannot interleave on one connection).
        var pw = await conn.BeginBinaryImportAsync("COPY persons (id, person_no, certno, name, gender, birth_date, pool_area_code) FROM STDIN (FORMAT BINARY)");
        var pGender = new int[persons];
        var pBirth = new DateOnly[persons];
        var pDeath = new DateOnly?[persons];
        var pShort = new bool[persons];
        for (var p = 0; p < persons; p++)
        {
            pBirth[p] = DateOnly.FromDayNumber(jan1 - 365 * (1 + Next(90)) - Next(365));
            pDeath[p] = Next(500) == 0 ? DateOnly.FromDayNumber(jan1 + Next(365)) : null;
            pShort[p] = Next(200) == 0;
            pGender[p] = 1 + Next(2);
            await pw.StartRowAsync();
            pw.Write((long)(p + 1), NpgsqlDbType.Bigint);
            pw.Write("B" + (p + 1).ToString("D15", Inv), NpgsqlDbType.Varchar);
            pw.Write("B" + (p + 1).ToString("D17", Inv), NpgsqlDbType.Varchar);
            pw.Write("基准" + (p + 1).ToString(Inv), NpgsqlDbType.Varchar);
            pw.Write(pGender[p], NpgsqlDbType.Integer);
            pw.Write(pBirth[p], NpgsqlDbType.Date);
            pw.Write("130123", NpgsqlDbType.Varchar);
        }

        await pw.CompleteAsync();
        await pw.DisposeAsync();
        await using (var ew = await conn.BeginBinaryImportAsync("COPY enrollments (id, person_id, insutype, psn_type, begndate, enddate, psn_insu_stas, termination_reason, carried_contribution_months, insuplc_admdvs) FROM STDIN (FORMAT BINARY)"))
        {
            for (var p = 0; p < persons; p++)
            {
                await ew.StartRowAsync();
                ew.Write((long)(p + 1), NpgsqlDbType.Bigint);
                ew.Write((long)(p + 1), NpgsqlDbType.Bigint);
                ew.Write(390, NpgsqlDbType.Integer);
                ew.Write(22, NpgsqlDbType.Integer);
                ew.Write(pShort[p] ? new DateOnly(2025, 1, 1) : new DateOnly(2024, 1, 1), NpgsqlDbType.Date);
                var end = pDeath[p] ?? (pShort[p] ? new DateOnly(2025, 6, 30) : (DateOnly?)null);
                if (end is { } e)
                {
                    ew.Write(e, NpgsqlDbType.Date);
                }
                else
                {
                    ew.WriteNull();
                }

                ew.Write(end is null ? 1 : 3, NpgsqlDbType.Integer);
                if (pDeath[p] is not null)
                {
                    ew.Write(1, NpgsqlDbType.Integer);
                }
                else
                {
                    ew.WriteNull();
                }

                ew.Write(0, NpgsqlDbType.Integer);
                ew.Write("130123", NpgsqlDbType.Varchar);
            }

            await ew.CompleteAsync();
        }

        // Encounters and lines: encounters are buffered per chunk of persons, then their lines, so two COPY streams never overlap.
        var created = DateTime.UtcNow;
        var encRows = new List<(long Id, long Person, long Inst, int Visit, string Insutype, DateOnly Begin, DateOnly? End, string Diag)>();
        var lineRows = new List<(long Id, long Enc, string Code, decimal Cnt, decimal Pric, decimal Amount, DateOnly Date)>();
        for (var p = 0; p < persons && count < lines; p++)
        {
            var visits = 1 + Next(6);
            for (var v = 0; v < visits && count < lines; v++)
            {
                var roll = Next(100);
                var visit = roll < 85 ? VisitType.GeneralOutpatient : roll < 90 ? VisitType.ChronicOutpatient : VisitType.Inpatient;
                var inst = Next(60) + 1;
                var admission = jan1 + Next(360);
                var stay = visit == VisitType.Inpatient ? 2 + Next(19) : 0;
                var id = ++encId;
                encRows.Add((id, p + 1, inst, (int)visit, insutypes[Next(insutypes.Length)], DateOnly.FromDayNumber(admission),
                    visit == VisitType.Inpatient ? DateOnly.FromDayNumber(admission + stay) : null, diagnoses[Next(diagnoses.Length)]));
                var n = visit == VisitType.Inpatient ? stay * 8 : 3 + Next(23);
                if (visit == VisitType.Inpatient)
                {
                    for (var d = 0; d < stay && count < lines; d++, count++)
                    {
                        lineRows.Add((++lineId, id, "001102000010000", 1m, 30m, 30m, DateOnly.FromDayNumber(admission + d)));
                    }

                    n -= stay;
                }

                for (var k = 0; k < n && count < lines; k++, count++)
                {
                    var fromRules = Next(100) < 8;
                    var ci = fromRules ? -1 : Next(codes.Length);
                    var code = fromRules ? ruleCodes[Next(ruleCodes.Length)] : codes[ci];
                    var qty = 1 + Next(3);
                    var cap = ci >= 0 ? caps[ci] : 0m;
                    var priceFen = cap > 0m ? (long)(cap * 100m) - Next(3) + (Next(50) == 0 ? 100 : 0) : 50 + Next(20000);
                    var day = admission + (stay == 0 ? 0 : Next(stay));
                    lineRows.Add((++lineId, id, code, qty, priceFen / 100m, priceFen * qty / 100m, DateOnly.FromDayNumber(day)));
                }
            }

            if (lineRows.Count >= 500_000 || p == persons - 1 || count >= lines)
            {
                await FlushAsync(conn, encRows, lineRows, created);
            }
        }

        await FlushAsync(conn, encRows, lineRows, created);
        await using (var analyze = new NpgsqlCommand("ANALYZE", conn))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        return count;
    }

    private static async Task FlushAsync(NpgsqlConnection conn, List<(long Id, long Person, long Inst, int Visit, string Insutype, DateOnly Begin, DateOnly? End, string Diag)> encs,
        List<(long Id, long Enc, string Code, decimal Cnt, decimal Pric, decimal Amount, DateOnly Date)> lines, DateTime created)
    {
        if (encs.Count > 0)
        {
            await using var w = await conn.BeginBinaryImportAsync("COPY medical_encounters (id, mdtrt_id, institution_id, person_id, psn_no, insutype, med_type, begin_date, endtime, dise_codg, insuplc_admdvs, status, created_at) FROM STDIN (FORMAT BINARY)");
            foreach (var e in encs)
            {
                await w.StartRowAsync();
                w.Write(e.Id, NpgsqlDbType.Bigint);
                w.Write("MB" + e.Id.ToString("D14", Inv), NpgsqlDbType.Varchar);
                w.Write(e.Inst, NpgsqlDbType.Bigint);
                w.Write(e.Person, NpgsqlDbType.Bigint);
                w.Write("B" + e.Person.ToString("D15", Inv), NpgsqlDbType.Varchar);
                w.Write(e.Insutype, NpgsqlDbType.Varchar);
                w.Write(e.Visit, NpgsqlDbType.Integer);
                w.Write(e.Begin, NpgsqlDbType.Date);
                if (e.End is { } end)
                {
                    w.Write(end, NpgsqlDbType.Date);
                }
                else
                {
                    w.WriteNull();
                }

                w.Write(e.Diag, NpgsqlDbType.Varchar);
                w.Write("130123", NpgsqlDbType.Varchar);
                w.Write(2, NpgsqlDbType.Integer);
                w.Write(created, NpgsqlDbType.TimestampTz);
            }

            await w.CompleteAsync();
            encs.Clear();
        }

        if (lines.Count > 0)
        {
            await using var w = await conn.BeginBinaryImportAsync("COPY fee_details (id, encounter_id, feedetl_sn, med_list_codg, cnt, pric, det_item_fee_sumamt, fee_ocur_date, cancelled) FROM STDIN (FORMAT BINARY)");
            foreach (var l in lines)
            {
                await w.StartRowAsync();
                w.Write(l.Id, NpgsqlDbType.Bigint);
                w.Write(l.Enc, NpgsqlDbType.Bigint);
                w.Write(l.Id.ToString(Inv), NpgsqlDbType.Varchar);
                w.Write(l.Code, NpgsqlDbType.Varchar);
                w.Write(l.Cnt, NpgsqlDbType.Numeric);
                w.Write(l.Pric, NpgsqlDbType.Numeric);
                w.Write(l.Amount, NpgsqlDbType.Numeric);
                w.Write(l.Date, NpgsqlDbType.Date);
                w.Write(false, NpgsqlDbType.Boolean);
            }

            await w.CompleteAsync();
            lines.Clear();
        }
    }
}
