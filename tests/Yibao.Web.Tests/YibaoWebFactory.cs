using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Admin;
using Yibao.Domain.Admin;

namespace Yibao.Web.Tests;

/// <summary>
/// The web app on a fresh temporary SQLite file (one per test class), with an administrator and a 经办员 seeded
/// through <see cref="IStaffDirectory"/>. Runs in the Production environment so the real error pages are used.
/// </summary>
public sealed partial class YibaoWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminName = "admin";
    public const string AdminPassword = "Admin-Pass-2024";
    public const string ClerkName = "clerk";
    public const string ClerkPassword = "Clerk-Pass-2024";

    public string DbPath { get; } = Path.Combine(Path.GetTempPath(), $"yibao-web-tests-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("YIBAO_DB_PROVIDER", "sqlite");
        builder.UseSetting("YIBAO_DB", $"Data Source={DbPath}");
        // Settlement API tests price against the sample policy and catalog files (stored versions are tested in Application tests).
        builder.UseSetting("YIBAO_POLICY_FILE", "samples/policies/shifanxian-2025.json");
        builder.UseSetting("YIBAO_CATALOG_FILE", "samples/catalogs/demo-catalog.csv");
    }

    public async ValueTask InitializeAsync()
    {
        _ = Server; // starts the app, which migrates the database
        await CreateUserAsync(AdminName, "张管理", AdminPassword, [Roles.Administrator], mustChangePassword: false);
        await CreateUserAsync(ClerkName, "李经办", ClerkPassword, [Roles.Clerk], mustChangePassword: false);
    }

    public async Task<StaffUserInfo> CreateUserAsync(string userName, string displayName, string password, string[] roles, bool mustChangePassword)
    {
        using var scope = Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<IStaffDirectory>()
            .CreateAsync(userName, displayName, password, roles, mustChangePassword);
        created.Succeeded.ShouldBeTrue(string.Join("; ", created.Errors.Select(e => e.Message)));
        return created.Value!;
    }

    public async Task<T> WithServiceAsync<T, TService>(Func<TService, Task<T>> action)
        where TService : notnull
    {
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the login form (with its antiforgery token) and returns the response.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password)
    {
        var token = await GetTokenAsync(client, "/Account/Login");
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public async Task<HttpClient> LoginAsync(string userName, string password)
    {
        var client = NewClient();
        var response = await PostLoginAsync(client, userName, password);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>GETs a page and returns the antiforgery token of its first form.</summary>
    public static async Task<string> GetTokenAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        var match = TokenRegex().Match(html);
        match.Success.ShouldBeTrue($"{url} has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, string postUrl, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await GetTokenAsync(client, pageUrl);
        return await client.PostAsync(postUrl, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { DbPath, DbPath + "-wal", DbPath + "-shm" })
        {
            File.Delete(f);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
