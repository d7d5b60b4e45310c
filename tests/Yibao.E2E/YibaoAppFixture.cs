using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yibao.Application.Admin;
using Yibao.Domain.Admin;

namespace Yibao.E2E;

/// <summary>
/// The real web app on Kestrel (loopback, free port) over a fresh SQLite file, with a seeded
/// administrator, and a headless Chromium driven by Playwright (the system's /usr/bin/chromium).
/// </summary>
public sealed class YibaoAppFixture : IAsyncLifetime
{
    public const string AdminUserName = "admin";
    public const string AdminInitialPassword = "Initial-Pass-2026";

    private readonly string _dbFile = Path.Combine(Path.GetTempPath(), "yibao-e2e-" + Guid.NewGuid().ToString("N") + ".db");
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    /// <summary>Where screenshots and other test artifacts go: artifacts/e2e under the repository root.</summary>
    public static string ArtifactsDir
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yibao.slnx")))
            {
                dir = dir.Parent;
            }

            var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "e2e");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("YIBAO_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";
        Assert.SkipUnless(File.Exists(chromium), $"未找到 Chromium（{chromium}），跳过浏览器端到端测试；./test.sh 会自动安装");

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("YIBAO_DB_PROVIDER", "sqlite");
            b.UseSetting("YIBAO_DB", "Data Source=" + _dbFile);
            b.UseEnvironment("Production");
            b.UseSetting("urls", "http://127.0.0.1:0");
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseUrl = addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);

        using (var scope = _factory.Services.CreateScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<CreateStaffUserHandler>()
                .HandleAsync(new CreateStaffUser(AdminUserName, "系统管理员", [Roles.Administrator], AdminInitialPassword, MustChangePassword: true));
            Assert.True(created.Succeeded, string.Join("；", created.Errors.Select(e => e.Message)));
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _dbFile, _dbFile + "-wal", _dbFile + "-shm" })
        {
            if (File.Exists(f))
            {
                File.Delete(f);
            }
        }
    }
}
