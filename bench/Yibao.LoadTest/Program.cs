using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Institutions;
using Yibao.Application.Registry;
using Yibao.Application.Settlement;
using Yibao.Domain.Common;
using Yibao.Domain.Funds;
using Yibao.Domain.Institutions;
using Yibao.Domain.Settlement;
using Yibao.Infrastructure;
using Yibao.Infrastructure.Persistence;

namespace Yibao.LoadTest;

/// <summary>
/// 联网结算负载与崩溃重放工具 — a second process that drives the running web app over HTTP.
///   prepare  --provider P --db CS --persons N --state FILE     migrate, create an institution, its API key and N insured persons
///   load     --url URL --state FILE --seconds S --concurrency C [--cpu-pid APP_PID] [--pg-pid POSTMASTER_PID]
///            sustained outpatient settlements (2201 + 2204×20 lines + 2207), reports /s and p50/p95/p99, and CPU ms per settlement
///   inproc   --db CS --state FILE [--provider P] [--count N]
///            the same settlements in this process without HTTP: CPU ms, bytes allocated and database round trips per settlement
///   crash    --app Yibao.Web.dll --provider postgres --db CS [--seconds S] [--concurrency C]
///            starts the app, loads it, SIGKILLs it mid-load, restarts it, replays unanswered requests by msgid, verifies the books
/// </summary>
public static class Program
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const string Amoxicillin = "XJ01CAA040A001010100001";

    public static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        var opt = Options(args);
        try
        {
            return args.FirstOrDefault() switch
            {
                "prepare" => await PrepareAsync(opt["provider"], opt["db"], int.Parse(opt.GetValueOrDefault("persons", "200"), Inv), opt["state"]),
                "load" => await LoadAsync(opt),
                "crash" => await CrashAsync(opt),
                "eligibility" => await EligibilityAsync(opt),
                "inproc" => await InProcess.RunAsync(opt),
                _ => Usage(),
            };
        }
        catch (KeyNotFoundException e)
        {
            Console.Error.WriteLine("缺少参数：" + e.Message);
            return Usage();
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("用法：yibao-loadtest prepare|load|crash|eligibility [--provider sqlite|postgres] [--db 连接串] [--url 地址] [--state 文件] [--seconds 秒] [--warmup 预热秒数，默认 5] [--concurrency 并发数] [--app Yibao.Web.dll]");
        return 2;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            d[args[i].TrimStart('-')] = args[i + 1];
        }

        return d;
    }

    // ───────────── prepare: database, institution, API key, persons ─────────────

    private sealed record State(string Key, List<string> Persons);

    internal static ServiceProvider Services(string provider, string db, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["YIBAO_DB_PROVIDER"] = provider,
            ["YIBAO_DB"] = db,
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IDataProtectionProvider, EphemeralDataProtectionProvider>();
        services.AddSingleton<IConfiguration>(config);
        services.AddYibao(config);
        return services.BuildServiceProvider();
    }

    private static async Task<int> PrepareAsync(string provider, string db, int persons, string stateFile)
    {
        await using var sp = Services(provider, db);
        await using (var scope = sp.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        }

        await using var s = sp.CreateAsyncScope();
        var ctx = s.ServiceProvider.GetRequiredService<AppDbContext>();
        var code = "H130123" + Random.Shared.Next(10000, 99999).ToString(Inv);
        ctx.Institutions.Add(new Institution { Code = code, Name = "压测卫生院" + code[^5..], Type = InstitutionType.PrimaryCare, Level = InstitutionLevel.First, PoolAreaCode = "130123" });
        await ctx.SaveChangesAsync();
        var key = (await s.ServiceProvider.GetRequiredService<CreateApiClientHandler>().HandleAsync(new CreateApiClient(code, "压测客户端"))).Value!.Key;
        var list = new List<string>(persons);
        var register = s.ServiceProvider.GetRequiredService<RegisterPersonHandler>();
        var start = Random.Shared.Next(1, 900 - Math.Min(persons, 800));
        for (var i = 0; list.Count < persons && i < persons * 20; i++)
        {
            // Distinct birth dates give distinct valid 身份证号; a random start keeps repeated runs on one database apart.
            var certno = ResidentId.Create("130123", new DateOnly(1950, 1, 1).AddDays(start * 7 + i), 100 + (i % 800)).Value;
            var r = await register.HandleAsync(new RegisterPerson(certno, "压测" + i.ToString(Inv), "130123",
                Enrollments: [new EnrollPerson("-", "390", "21", new DateOnly(2025, 1, 1))]));
            if (r.Succeeded)
            {
                list.Add(certno);
            }
        }

        await File.WriteAllTextAsync(stateFile, JsonSerializer.Serialize(new State(key, list)));
        Console.WriteLine($"已准备：机构 {code}，参保人 {list.Count} 人，密钥写入 {stateFile}");
        return 0;
    }

    // ───────────── the client ─────────────

    private sealed class Client(HttpClient http)
    {
        /// <summary>Posts until an answer arrives (the same msgid and body each time: a replay when the first answer was lost).</summary>
        public async Task<(JsonElement Body, int Status, bool Replayed, int Retries)> PostAsync(string url, string msgid, string body, bool retry, CancellationToken stop)
        {
            var retries = 0;
            while (true)
            {
                try
                {
                    using var req = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                    req.Headers.Add("msgid", msgid);
                    using var res = await http.SendAsync(req, stop);
                    var text = await res.Content.ReadAsStringAsync(stop);
                    var replayed = res.Headers.TryGetValues("Idempotent-Replayed", out var v) && v.Contains("true");
                    return (JsonDocument.Parse(text).RootElement.Clone(), (int)res.StatusCode, replayed, retries);
                }
                catch (Exception e) when (retry && e is HttpRequestException or TaskCanceledException or IOException && !stop.IsCancellationRequested)
                {
                    retries++;
                    await Task.Delay(200, CancellationToken.None);
                }
            }
        }
    }

    private sealed record Outcome(double Millis, string? SetlId, string PsnNo, int Retries, bool Replayed);

    /// <summary>One outpatient settlement: 2201 register, 2204 upload 20 lines, 2207 settle; msgids derived from the job id.</summary>
    private static async Task<Outcome?> SettleOnceAsync(Client c, string psn, string job, bool retry, CancellationToken stop)
    {
        var sw = Stopwatch.StartNew();
        var reg = await c.PostAsync("/api/v1/encounters", job + "-R",
            $$"""{"psn_no":"{{psn}}","insutype":"390","med_type":"11","begntime":"2025-06-10"}""", retry, stop);
        if (reg.Status != 200)
        {
            throw new InvalidOperationException("挂号失败：" + reg.Body);
        }

        var mdtrt = reg.Body.GetProperty("mdtrt_id").GetString()!;
        var lines = new StringBuilder("{\"feedetail\":[");
        for (var i = 1; i <= 20; i++)
        {
            lines.Append(Inv, $$"""{"feedetl_sn":"{{i}}","med_list_codg":"{{(i == 20 ? "LOCAL-ITEM-X" : Amoxicillin)}}","cnt":1,"pric":12.5,"det_item_fee_sumamt":12.5}""");
            lines.Append(i < 20 ? "," : "]}");
        }

        var up = await c.PostAsync($"/api/v1/encounters/{mdtrt}/fee-details", job + "-U", lines.ToString(), retry, stop);
        if (up.Status != 200)
        {
            throw new InvalidOperationException("上传明细失败：" + up.Body);
        }

        var setl = await c.PostAsync($"/api/v1/encounters/{mdtrt}/settlement", job + "-S", """{"medfee_sumamt":250.00,"acct_used_flag":"0"}""", retry, stop);
        if (setl.Status != 200)
        {
            throw new InvalidOperationException("结算失败：" + setl.Body);
        }

        return new Outcome(sw.Elapsed.TotalMilliseconds, setl.Body.GetProperty("setl_id").GetString(), psn, reg.Retries + up.Retries + setl.Retries, reg.Replayed || up.Replayed || setl.Replayed);
    }

    private static HttpClient Http(string url, string key)
    {
        var h = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromSeconds(30),
        };
        h.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return h;
    }

    private static async Task<List<Outcome>> DriveAsync(Client c, State state, int concurrency, TimeSpan duration, bool retry, string runId)
    {
        using var stop = new CancellationTokenSource(duration);
        return await DriveAsync(c, state, concurrency, new ConcurrentBag<Outcome>(), retry, runId, stop.Token);
    }

    /// <summary>Workers start new settlements until <paramref name="stop"/>; a started one is finished (with replays when retrying).</summary>
    private static async Task<List<Outcome>> DriveAsync(Client c, State state, int concurrency, ConcurrentBag<Outcome> results, bool retry, string runId, CancellationToken stop)
    {
        var errors = 0;
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var psn = state.Persons[(w + n * concurrency) % state.Persons.Count];
                try
                {
                    // Once started, a job is finished (with replays) even if the duration ends meanwhile.
                    var o = await SettleOnceAsync(c, psn, $"{runId}-{w}-{n}", retry, CancellationToken.None);
                    if (o is not null)
                    {
                        results.Add(o);
                    }
                }
                catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TaskCanceledException)
                {
                    if (Interlocked.Increment(ref errors) <= 5)
                    {
                        Console.Error.WriteLine("请求失败：" + e.Message);
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        if (errors > 0)
        {
            Console.Error.WriteLine($"失败的结算：{errors} 笔");
        }

        return [.. results];
    }

    private static double Pct(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];

    private static async Task<int> LoadAsync(Dictionary<string, string> opt)
    {
        var state = JsonSerializer.Deserialize<State>(await File.ReadAllTextAsync(opt["state"]))!;
        var seconds = int.Parse(opt.GetValueOrDefault("seconds", "30"), Inv);
        var concurrency = int.Parse(opt.GetValueOrDefault("concurrency", "8"), Inv);
        using var http = Http(opt["url"], state.Key);
        var c = new Client(http);
        var run = "L" + DateTime.UtcNow.ToString("HHmmssfff", Inv);
        // Warm-up, not counted: the JIT's tiered recompilation of the hot paths takes about a minute of load on 2 cores; a
        // server runs for months, so the steady state is what counts (--warmup 60 for that; default 5 s as before).
        var warmup = int.Parse(opt.GetValueOrDefault("warmup", "5"), Inv);
        await DriveAsync(c, state, concurrency, TimeSpan.FromSeconds(warmup), retry: false, run + "w");
        var appPid = opt.TryGetValue("cpu-pid", out var a) ? int.Parse(a, Inv) : (int?)null;
        var pgPid = opt.TryGetValue("pg-pid", out var g) ? int.Parse(g, Inv) : (int?)null;
        var appCpu0 = appPid is { } ap ? CpuTicks(ap) : 0;
        var pgCpu0 = pgPid is { } pp ? ChildrenCpuTicks(pp) : 0;
        var selfCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var results = await DriveAsync(c, state, concurrency, TimeSpan.FromSeconds(seconds), retry: false, run);
        var elapsed = sw.Elapsed.TotalSeconds;
        var appCpu = appPid is { } ap2 ? CpuTicks(ap2) - appCpu0 : 0;
        var pgCpu = pgPid is { } pp2 ? ChildrenCpuTicks(pp2) - pgCpu0 : 0;
        var selfCpu = (Process.GetCurrentProcess().TotalProcessorTime - selfCpu0).TotalMilliseconds;
        var ms = results.Select(r => r.Millis).Order().ToList();
        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Trim() : "未知";
        Console.WriteLine(string.Create(Inv,
            $"门诊结算（2201 + 2204×20 明细 + 2207）：{results.Count} 笔 / {elapsed:0.0} 秒 = {results.Count / elapsed:0.0} 笔/秒；" +
            $"每笔耗时 p50 {Pct(ms, 50):0.0} ms，p95 {Pct(ms, 95):0.0} ms，p99 {Pct(ms, 99):0.0} ms；并发 {concurrency}；负载均值 {load}"));
        var n = Math.Max(1, results.Count);
        if (appPid is not null)
        {
            // CPU time does not depend on how busy the machine is (unlike wall-clock): what one settlement costs the app.
            Console.WriteLine(string.Create(Inv, $"应用进程 CPU：{appCpu * TickMs:0} ms，每笔 {appCpu * TickMs / n:0.00} ms"));
        }

        if (pgPid is not null)
        {
            Console.WriteLine(string.Create(Inv, $"PostgreSQL 后端进程 CPU：{pgCpu * TickMs:0} ms，每笔 {pgCpu * TickMs / n:0.00} ms"));
        }

        Console.WriteLine(string.Create(Inv, $"本压测进程 CPU：{selfCpu:0} ms，每笔 {selfCpu / n:0.00} ms"));
        return results.Count > 0 ? 0 : 1;
    }

    /// <summary>Length of one clock tick of /proc/&lt;pid&gt;/stat in ms (USER_HZ is 100 on Linux).</summary>
    private const double TickMs = 10.0;

    /// <summary>utime + stime of a process, in clock ticks, from /proc/&lt;pid&gt;/stat.</summary>
    private static long CpuTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(Inv)}/stat");
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(f[11], Inv) + long.Parse(f[12], Inv); // fields 14 and 15 (utime, stime)
        }
        catch (IOException)
        {
            return 0; // the process ended meanwhile
        }
    }

    /// <summary>CPU ticks of all live children of <paramref name="parent"/> (the PostgreSQL backends of a postmaster).</summary>
    private static long ChildrenCpuTicks(int parent)
    {
        long sum = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, Inv, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(f[1], Inv) == parent)
                {
                    sum += long.Parse(f[11], Inv) + long.Parse(f[12], Inv);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone or not ours
            }
        }

        return sum;
    }

    // ───────────── eligibility: 1101 queries for random persons of the database ─────────────

    /// <summary>
    /// GET /api/v1/persons/{psn_no}/eligibility for persons drawn at random from the database (--provider, --db, --sample),
    /// with the institution key from --state; warm-up 5 s, then --seconds of load; prints queries/s and p50/p95/p99.
    /// </summary>
    private static async Task<int> EligibilityAsync(Dictionary<string, string> opt)
    {
        var state = JsonSerializer.Deserialize<State>(await File.ReadAllTextAsync(opt["state"]))!;
        var seconds = int.Parse(opt.GetValueOrDefault("seconds", "30"), Inv);
        var concurrency = int.Parse(opt.GetValueOrDefault("concurrency", "8"), Inv);
        var sample = int.Parse(opt.GetValueOrDefault("sample", "20000"), Inv);
        var date = opt.GetValueOrDefault("date", "2026-06-30");
        List<string> persons;
        await using (var sp = Services(opt["provider"], opt["db"]))
        await using (var scope = sp.CreateAsyncScope())
        {
            var all = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Persons.Select(p => p.PersonNo).ToListAsync();
            persons = [.. all.OrderBy(_ => Random.Shared.Next()).Take(sample)];
        }

        Console.WriteLine(string.Create(Inv, $"数据库中参保人 {persons.Count} 人（抽样），并发 {concurrency}"));
        using var http = Http(opt["url"], state.Key);
        async Task<List<double>> RunAsync(TimeSpan duration)
        {
            using var stop = new CancellationTokenSource(duration);
            var bag = new ConcurrentBag<double>();
            var failures = 0;
            var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
            {
                for (var n = w; !stop.IsCancellationRequested; n += concurrency)
                {
                    var sw = Stopwatch.StartNew();
                    using var r = await http.GetAsync($"/api/v1/persons/{persons[n % persons.Count]}/eligibility?date={date}");
                    await r.Content.ReadAsByteArrayAsync();
                    if (r.IsSuccessStatusCode)
                    {
                        bag.Add(sw.Elapsed.TotalMilliseconds);
                    }
                    else if (Interlocked.Increment(ref failures) <= 3)
                    {
                        Console.Error.WriteLine($"查询失败：HTTP {(int)r.StatusCode}");
                    }
                }
            })).ToArray();
            await Task.WhenAll(workers);
            return [.. bag.Order()];
        }

        await RunAsync(TimeSpan.FromSeconds(5)); // warm-up, not counted
        var watch = Stopwatch.StartNew();
        var ms = await RunAsync(TimeSpan.FromSeconds(seconds));
        var elapsed = watch.Elapsed.TotalSeconds;
        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Trim() : "未知";
        Console.WriteLine(string.Create(Inv,
            $"待遇资格查询（1101）：{ms.Count} 次 / {elapsed:0.0} 秒 = {ms.Count / elapsed:0.0} 次/秒；p50 {Pct(ms, 50):0.0} ms，p95 {Pct(ms, 95):0.0} ms，p99 {Pct(ms, 99):0.0} ms；负载均值 {load}"));
        return ms.Count > 0 ? 0 : 1;
    }

    // ───────────── crash: SIGKILL mid-load, restart, replay, verify ─────────────

    private static Process StartApp(string app, string provider, string db, string url, string root)
    {
        var psi = new ProcessStartInfo("dotnet", [app])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        psi.Environment["YIBAO_DB_PROVIDER"] = provider;
        psi.Environment["YIBAO_DB"] = db;
        psi.Environment["YIBAO_URLS"] = url;
        psi.Environment["YIBAO_POLICY_FILE"] = Path.Combine(root, "samples/policies/shifanxian-2025.json");
        psi.Environment["YIBAO_CATALOG_FILE"] = Path.Combine(root, "samples/catalogs/demo-catalog.csv");
        psi.Environment["YIBAO_API_RATE_LIMIT"] = "100000";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("[app] " + e.Data); } };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static async Task WaitHealthyAsync(string url, Process p)
    {
        using var h = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 900; i++)
        {
            if (p.HasExited)
            {
                throw new InvalidOperationException("应用进程已退出，退出码 " + p.ExitCode.ToString(Inv));
            }

            try
            {
                if ((await h.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        p.Kill(entireProcessTree: true);
        throw new TimeoutException("应用 180 秒内未就绪");
    }

    private static async Task<int> CrashAsync(Dictionary<string, string> opt)
    {
        var provider = opt.GetValueOrDefault("provider", "postgres");
        var db = opt["db"];
        var app = Path.GetFullPath(opt["app"]);
        var root = Path.GetFullPath(opt.GetValueOrDefault("root", "."));
        var seconds = int.Parse(opt.GetValueOrDefault("seconds", "12"), Inv);
        var concurrency = int.Parse(opt.GetValueOrDefault("concurrency", "8"), Inv);
        var port = 20000 + Random.Shared.Next(0, 20000);
        var url = "http://127.0.0.1:" + port.ToString(Inv);
        var stateFile = Path.Combine(Path.GetTempPath(), $"yibao-crash-{port}.json");
        if (await PrepareAsync(provider, db, 60, stateFile) != 0)
        {
            return 1;
        }

        var state = JsonSerializer.Deserialize<State>(await File.ReadAllTextAsync(stateFile))!;
        var total = Stopwatch.StartNew();
        var server = StartApp(app, provider, db, url, root);
        await WaitHealthyAsync(url, server);
        Console.WriteLine($"应用已启动（{url}，{total.Elapsed.TotalSeconds:0.0} 秒）");

        using var http = Http(url, state.Key);
        var client = new Client(http);
        using var stopLoad = new CancellationTokenSource();
        var acked = new ConcurrentBag<Outcome>();
        var drive = DriveAsync(client, state, concurrency, acked, retry: true, "C" + port.ToString(Inv), stopLoad.Token);

        // SIGKILL in the middle of the load (after half the time and at least 20 acknowledged settlements), then restart on the same database and port.
        var killAt = Stopwatch.StartNew();
        while ((killAt.Elapsed.TotalSeconds < seconds / 2.0 || acked.Count < 20) && killAt.Elapsed.TotalSeconds < 60)
        {
            await Task.Delay(100);
        }

        var before = acked.Count;
        server.Kill(entireProcessTree: true); // SIGKILL on Linux
        await server.WaitForExitAsync();
        Console.WriteLine($"已 SIGKILL 应用（第 {total.Elapsed.TotalSeconds:0.0} 秒，此前已确认 {before} 笔结算，{concurrency} 个客户端请求在途）");
        await Task.Delay(500);
        server = StartApp(app, provider, db, url, root);
        await WaitHealthyAsync(url, server);
        Console.WriteLine($"应用已重启（第 {total.Elapsed.TotalSeconds:0.0} 秒）；客户端按原 msgid 重放未收到应答的请求");

        // Load continues on the restarted app for the other half of the time, then the client stops starting new settlements.
        await Task.Delay(TimeSpan.FromSeconds(seconds / 2.0));
        await stopLoad.CancelAsync();
        var results = await drive;
        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
        File.Delete(stateFile);
        var replayed = results.Count(r => r.Retries > 0);
        Console.WriteLine($"已确认的结算 {results.Count} 笔，其中经重放完成 {replayed} 笔（重放请求 {results.Sum(r => r.Retries)} 次，返回已存应答 {results.Count(r => r.Replayed)} 笔）");
        var failures = await VerifyAsync(provider, db, results);
        foreach (var f in failures.Take(20))
        {
            Console.WriteLine("不符：" + f);
        }

        Console.WriteLine(failures.Count == 0
            ? $"校验通过：每笔已确认结算恰好一笔；累计值等于结算之和；每张凭证借贷平衡；试算平衡。总耗时 {total.Elapsed.TotalSeconds:0.0} 秒"
            : $"校验失败：{failures.Count} 处不符");
        return failures.Count == 0 && results.Count > 0 && replayed > 0 ? 0 : 1;
    }

    /// <summary>The books after the crash: each acknowledged settlement exactly once, accumulators = Σ settlements, every entry and the trial balance balanced.</summary>
    private static async Task<List<string>> VerifyAsync(string provider, string db, List<Outcome> acknowledged)
    {
        var failures = new List<string>();
        await using var sp = Services(provider, db);
        await using var scope = sp.CreateAsyncScope();
        var ctx = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var settlements = await ctx.Settlements.AsNoTracking().ToListAsync();
        var bySetl = settlements.GroupBy(s => s.SetlId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var a in acknowledged)
        {
            if (bySetl.GetValueOrDefault(a.SetlId!) != 1)
            {
                failures.Add($"已确认的结算 {a.SetlId} 在库中有 {bySetl.GetValueOrDefault(a.SetlId!)} 笔");
            }
        }

        var valid = settlements.Where(s => s.Status == SettlementStatus.Settled).ToList();
        foreach (var e in valid.GroupBy(s => s.EncounterId).Where(g => g.Count() > 1))
        {
            failures.Add($"就诊 {e.Key} 有 {e.Count()} 笔有效结算（重复支付）");
        }

        var ackSet = acknowledged.Select(a => a.SetlId!).ToHashSet(StringComparer.Ordinal);
        var orphan = valid.Count(s => !ackSet.Contains(s.SetlId));
        if (orphan > 0)
        {
            failures.Add($"库中有 {orphan} 笔有效结算未被客户端确认（重放后仍未收到应答）");
        }

        var rows = await ctx.PersonAccumulators.AsNoTracking().ToListAsync();
        foreach (var row in rows)
        {
            var expected = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var s in valid.Where(s => s.PersonId == row.PersonId && s.Year == row.Year))
            {
                var before = OnlineSettlement.ReadAccumulators(s.AccumulatorsBeforeJson);
                foreach (var (k, v) in OnlineSettlement.ReadAccumulators(s.AccumulatorsAfterJson))
                {
                    expected[k] = expected.GetValueOrDefault(k) + v - before.GetValueOrDefault(k);
                }
            }

            var actual = OnlineSettlement.ReadAccumulators(row.ValuesJson);
            foreach (var k in expected.Keys.Union(actual.Keys))
            {
                if (expected.GetValueOrDefault(k) != actual.GetValueOrDefault(k))
                {
                    failures.Add($"人员 {row.PersonId} {row.Year} 年累计 {k}：库中 {actual.GetValueOrDefault(k)}，结算之和 {expected.GetValueOrDefault(k)}");
                }
            }

            var visits = actual.Where(kv => kv.Key.StartsWith("visits:", StringComparison.Ordinal)).Sum(kv => kv.Value);
            var count = valid.Count(s => s.PersonId == row.PersonId && s.Year == row.Year);
            if (visits != count)
            {
                failures.Add($"人员 {row.PersonId} 就诊次数累计 {visits} ≠ 有效结算 {count} 笔");
            }
        }

        var lines = await ctx.Set<JournalLine>().AsNoTracking().ToListAsync();
        foreach (var entry in lines.GroupBy(l => l.JournalEntryId).Where(g => g.Sum(l => l.Debit) != g.Sum(l => l.Credit)))
        {
            failures.Add($"凭证 {entry.Key} 借贷不平");
        }

        foreach (var fund in lines.GroupBy(l => l.Fund).Where(g => g.Sum(l => l.Debit) != g.Sum(l => l.Credit)))
        {
            failures.Add($"{fund.Key} 试算不平");
        }

        var payable = lines.Where(l => l.AccountCode == LedgerAccounts.InstitutionPayable).Sum(l => l.Credit - l.Debit);
        var paid = valid.Sum(s => s.FundPaySumamt + s.AcctPay);
        if (payable != paid)
        {
            failures.Add($"应付定点医药机构结算款 {payable} ≠ 有效结算基金与账户支付之和 {paid}");
        }

        Console.WriteLine($"库中结算 {settlements.Count} 笔（有效 {valid.Count}），累计行 {rows.Count}，凭证分录 {lines.Count} 行，应付机构款 {payable:0.00} 元");
        return failures;
    }
}
