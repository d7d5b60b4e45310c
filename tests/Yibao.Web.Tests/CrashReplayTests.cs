using System.Diagnostics;

namespace Yibao.Web.Tests;

/// <summary>
/// Runs scripts/crash-replay.sh: the real web app as a separate process on PostgreSQL, SIGKILLed mid-load and restarted;
/// unanswered requests are replayed by msgid; the script checks the books and exits non-zero on any discrepancy.
/// </summary>
public sealed class CrashReplayTests
{
    [Fact]
    public async Task Sigkill_mid_load_loses_no_acknowledged_settlement_and_pays_nothing_twice()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Yibao.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("找不到仓库根目录");
        }

        var config = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var psi = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "crash-replay.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        psi.Environment["CONFIG"] = config;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout + "\n" + await stderr;
        TestContext.Current.TestOutputHelper?.WriteLine(output);
        p.ExitCode.ShouldBe(0, output);
        output.ShouldContain("已 SIGKILL 应用");
        output.ShouldContain("校验通过");
    }
}
