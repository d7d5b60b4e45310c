using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Settlement;
using Yibao.Infrastructure;
using Yibao.Infrastructure.Persistence;

namespace Yibao.LoadTest;

/// <summary>
/// <c>inproc</c>: the same outpatient settlement as <c>load</c> (2201 + 2204×20 + 2207, each through IdempotentRequests
/// as the endpoints call them) but in this process, one after another, without HTTP. Reports per settlement what does
/// not depend on the machine's load: bytes allocated, database round trips (Npgsql command activities; a batch is one),
/// and CPU milliseconds of this process (application code plus the client side of the database driver).
/// </summary>
internal static class InProcess
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(Dictionary<string, string> opt)
    {
        var provider = opt.GetValueOrDefault("provider", "postgres");
        var state = JsonSerializer.Deserialize<JsonElement>(await File.ReadAllTextAsync(opt["state"]));
        var persons = state.GetProperty("Persons").EnumerateArray().Select(p => p.GetString()!).ToList();
        var count = int.Parse(opt.GetValueOrDefault("count", "2000"), Inv);
        var root = FindRoot();
        await using var sp = Program.Services(provider, opt["db"], new Dictionary<string, string?>
        {
            ["YIBAO_POLICY_FILE"] = Path.Combine(root, "samples/policies/shifanxian-2025.json"),
            ["YIBAO_CATALOG_FILE"] = Path.Combine(root, "samples/catalogs/demo-catalog.csv"),
        });

        InstitutionCaller caller;
        await using (var s = sp.CreateAsyncScope())
        {
            var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
            var instId = await db.ApiClients.AsNoTracking().OrderByDescending(c => c.Id).Select(c => c.InstitutionId).FirstAsync();
            var inst = await db.Institutions.AsNoTracking().FirstAsync(x => x.Id == instId);
            caller = new InstitutionCaller(inst.Id, inst.Code);
        }

        var commands = 0L;
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = _ => Interlocked.Increment(ref commands),
        };
        ActivitySource.AddActivityListener(listener);

        var run = Guid.NewGuid().ToString("N")[..8];
        var phaseAlloc = new long[3];
        var phaseCmds = new long[3];
        var phaseMs = new double[3];
        var mark = (Alloc: 0L, Cmds: 0L, Ticks: 0L);
        void Start() => mark = (GC.GetTotalAllocatedBytes(precise: false), Interlocked.Read(ref commands), Stopwatch.GetTimestamp());
        void Stop(int phase)
        {
            phaseAlloc[phase] += GC.GetTotalAllocatedBytes(precise: false) - mark.Alloc;
            phaseCmds[phase] += Interlocked.Read(ref commands) - mark.Cmds;
            phaseMs[phase] += Stopwatch.GetElapsedTime(mark.Ticks).TotalMilliseconds;
        }

        async Task OneAsync(int i)
        {
            var psn = persons[i % persons.Count];
            var job = run + "-" + i.ToString(Inv);
            string mdtrt;
            Start();
            await using (var s = sp.CreateAsyncScope())
            {
                var idem = s.ServiceProvider.GetRequiredService<IdempotentRequests>();
                var h = s.ServiceProvider.GetRequiredService<RegisterOutpatientHandler>();
                var body = new RegisterOutpatient(psn, "390", "11", new DateOnly(2025, 6, 10));
                var r = await idem.RunAsync(Call(caller, job + "-R", "2201", JsonSerializer.Serialize(body)), t => h.HandleAsync(caller, body, t), v => JsonSerializer.Serialize(v));
                mdtrt = r.Fresh?.Value?.MdtrtId ?? throw new InvalidOperationException("挂号失败：" + string.Join("；", r.Fresh?.Errors.Select(e => e.Message) ?? []));
            }

            Stop(0);
            Start();

            await using (var s = sp.CreateAsyncScope())
            {
                var idem = s.ServiceProvider.GetRequiredService<IdempotentRequests>();
                var h = s.ServiceProvider.GetRequiredService<UploadFeeDetailsHandler>();
                var lines = Enumerable.Range(1, 20).Select(n => new FeeDetailInput(n.ToString(Inv), n == 20 ? "LOCAL-ITEM-X" : "XJ01CAA040A001010100001", 1, 12.5m, 12.5m)).ToList();
                var body = new UploadFeeDetails(mdtrt, lines);
                var r = await idem.RunAsync(Call(caller, job + "-U", "2204", JsonSerializer.Serialize(body)), t => h.HandleAsync(caller, body, t), v => JsonSerializer.Serialize(v));
                _ = r.Fresh?.Value ?? throw new InvalidOperationException("上传失败：" + string.Join("；", r.Fresh?.Errors.Select(e => e.Message) ?? []));
            }

            Stop(1);
            Start();

            await using (var s = sp.CreateAsyncScope())
            {
                var idem = s.ServiceProvider.GetRequiredService<IdempotentRequests>();
                var h = s.ServiceProvider.GetRequiredService<SettleOutpatientHandler>();
                var body = new SettleOutpatient(mdtrt, 250m, "0");
                var r = await idem.RunAsync(Call(caller, job + "-S", "2207", JsonSerializer.Serialize(body)), t => h.HandleAsync(caller, body, t), v => JsonSerializer.Serialize(v));
                _ = r.Fresh?.Value ?? throw new InvalidOperationException("结算失败：" + string.Join("；", r.Fresh?.Errors.Select(e => e.Message) ?? []));
            }

            Stop(2);
        }

        var warm = Math.Min(200, count / 5);
        for (var i = 0; i < warm; i++)
        {
            await OneAsync(i);
        }

        Array.Clear(phaseAlloc);
        Array.Clear(phaseCmds);
        Array.Clear(phaseMs);
        var proc = Process.GetCurrentProcess();
        proc.Refresh();
        var cpu0 = proc.TotalProcessorTime;
        var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        var gc0 = GC.CollectionCount(0);
        var cmd0 = Interlocked.Read(ref commands);
        var sw = Stopwatch.StartNew();
        for (var i = warm; i < warm + count; i++)
        {
            await OneAsync(i);
        }

        sw.Stop();
        proc.Refresh();
        var cpu = (proc.TotalProcessorTime - cpu0).TotalMilliseconds / count;
        var alloc = (GC.GetTotalAllocatedBytes(precise: true) - alloc0) / (double)count;
        Console.WriteLine(string.Create(Inv,
            $"进程内门诊结算（2201 + 2204×20 + 2207，经幂等处理，无 HTTP）{count} 笔，{provider}：每笔 CPU {cpu:0.00} ms，分配 {alloc / 1024:0.0} KB，数据库往返 {(Interlocked.Read(ref commands) - cmd0) / (double)count:0.0} 次，gen0 GC {GC.CollectionCount(0) - gc0} 次；墙钟 {sw.Elapsed.TotalMilliseconds / count:0.00} ms/笔"));
        string[] names = ["2201 挂号", "2204 上传 20 条", "2207 结算"];
        for (var p = 0; p < 3; p++)
        {
            Console.WriteLine(string.Create(Inv, $"  {names[p]}：分配 {phaseAlloc[p] / 1024.0 / count:0.0} KB，往返 {phaseCmds[p] / (double)count:0.0} 次，墙钟 {phaseMs[p] / count:0.00} ms"));
        }

        return 0;
    }

    private static ApiCall Call(InstitutionCaller caller, string msgid, string infno, string body) =>
        new(caller.InstitutionId, msgid, infno, ApiCall.HashOf(infno, msgid, body));

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Yibao.slnx")))
            {
                return d.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
