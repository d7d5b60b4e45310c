using System.Globalization;
using System.Threading.RateLimiting;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Scalar.AspNetCore;
using Yibao.Application.Common;
using Yibao.Domain.Admin;
using Yibao.Infrastructure;
using Yibao.Infrastructure.Identity;
using Yibao.Infrastructure.Persistence;
using Yibao.Web.Api;
using Yibao.Web.Infrastructure;

namespace Yibao.Web;

/// <summary>Builds the web host on the shared composition root (<see cref="DependencyInjection.AddYibao"/>).</summary>
public static class YibaoWebApp
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(builder.Configuration["YIBAO_URLS"] is { Length: > 0 } urls ? urls : DefaultUrls);
        }

        if (builder.Configuration["YIBAO_INLINE_IO"] == "1")
        {
            // YIBAO_INLINE_IO=1 (README, configuration): request code and socket completions run on the I/O threads
            // instead of being handed to the thread pool — fewer thread switches per request on a small server; long page
            // renders would hold those threads, so it is off by default.
            Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
            builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
        }

        configure?.Invoke(builder);
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddYibao(builder.Configuration);
        services.AddSingleton(SiteOptions.From(builder.Configuration));
        new IdentityBuilder(typeof(StaffUser), typeof(IdentityRole), services)
            .AddSignInManager()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, InstitutionApiKeyHandler>(InstitutionApiKeyHandler.SchemeName, "定点医药机构接口密钥", null);
        // Per-client rate limit for the institution API (requests per second per API key; YIBAO_API_RATE_LIMIT, default 2000).
        var permits = int.TryParse(builder.Configuration["YIBAO_API_RATE_LIMIT"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 2000;
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(SettlementEndpoints.RateLimitPolicy, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.User.FindFirst(InstitutionApiKeyHandler.ClientIdClaim)?.Value ?? "anonymous",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromSeconds(1), QueueLimit = 0 }));
            o.OnRejected = (ctx, _) => new ValueTask(ApiProblems.WriteAsync(ctx.HttpContext, StatusCodes.Status429TooManyRequests, "rate-limited", "请求过于频繁",
                $"每个接口密钥每秒最多 {permits} 次请求，请稍后重试。"));
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Error/403";
            o.ReturnUrlParameter = "ReturnUrl";
            o.Cookie.Name = "yibao.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // APIs answer 401/403 ProblemDetails instead of redirecting to the login page;
            // pages answer 403 in place (the Chinese 403 page is rendered by the status-code pages).
            o.Events.OnRedirectToLogin = ctx => ApiProblems.IsApi(ctx.Request)
                ? ApiProblems.WriteAsync(ctx.HttpContext, StatusCodes.Status401Unauthorized)
                : Redirect(ctx);
            o.Events.OnRedirectToAccessDenied = ctx => ApiProblems.IsApi(ctx.Request)
                ? ApiProblems.WriteAsync(ctx.HttpContext, StatusCodes.Status403Forbidden)
                : Status(ctx, StatusCodes.Status403Forbidden);
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administrator, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(SettlementEndpoints.InstitutionPolicy, p => p.AddAuthenticationSchemes(InstitutionApiKeyHandler.SchemeName).RequireRole(InstitutionApiKeyHandler.Role))
            .AddPolicy(SettlementEndpoints.StaffOrInstitutionPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, InstitutionApiKeyHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(Policies.CatalogRead, p => p.RequireRole(Roles.Administrator, Roles.Clerk, Roles.Reviewer))
            .AddPolicy(Policies.RegistryRead, p => p.RequireRole(RegistryAccess.ReadRoles))
            .AddPolicy(Policies.RegistryWrite, p => p.RequireRole(Roles.Clerk))
            .AddPolicy(Policies.SettlementRead, p => p.RequireRole(SettlementAccess.ReadRoles))
            .AddPolicy(Policies.InstitutionRead, p => p.RequireRole(SettlementAccess.InstitutionReadRoles))
            .AddPolicy(Policies.FundsRead, p => p.RequireRole(SettlementAccess.FundsReadRoles))
            .AddPolicy(Policies.Review, p => p.RequireRole(Roles.Reviewer))
            .AddPolicy(Policies.SupervisionRead, p => p.RequireRole(SupervisionAccess.ReadRoles))
            .AddPolicy(Policies.BudgetRead, p => p.RequireRole(Roles.Finance, Roles.Leader))
            .AddPolicy(Policies.BudgetWrite, p => p.RequireRole(Roles.Finance))
            .AddPolicy(Policies.ContributionRead, p => p.RequireRole(ContributionAccess.ReadRoles))
            .AddPolicy(Policies.ContributionWrite, p => p.RequireRole(Roles.Clerk))
            .AddPolicy(Policies.ContributionPolicyRead, p => p.RequireRole(ContributionAccess.PolicyReadRoles));
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", Policies.Administrator);
            o.Conventions.AuthorizeFolder("/Catalogs", Policies.CatalogRead);
            o.Conventions.AuthorizeFolder("/Policies", Policies.CatalogRead);
            o.Conventions.AuthorizeFolder("/Registry", Policies.RegistryRead);
            o.Conventions.AuthorizeFolder("/Budget", Policies.BudgetRead);
            o.Conventions.AuthorizeFolder("/Settlement", Policies.SettlementRead);
            o.Conventions.AuthorizeFolder("/Institutions", Policies.InstitutionRead);
            o.Conventions.AuthorizeFolder("/Funds", Policies.FundsRead);
            o.Conventions.AuthorizeFolder("/Review", Policies.Review);
            o.Conventions.AuthorizeFolder("/Supervision", Policies.SupervisionRead);
            o.Conventions.AuthorizeFolder("/Performance", Policies.BudgetRead);
            o.Conventions.AuthorizePage("/Budget/Import", Policies.BudgetWrite);
            o.Conventions.AuthorizePage("/Budget/Create", Policies.BudgetWrite);
            o.Conventions.AuthorizePage("/Budget/Edit", Policies.BudgetWrite);
            o.Conventions.AuthorizePage("/Budget/Classifications", Policies.BudgetWrite);
            foreach (var page in ContributionAccess.ReadPages)
            {
                o.Conventions.AuthorizePage("/Contributions/" + page, Policies.ContributionRead);
            }

            o.Conventions.AuthorizePage("/Contributions/Policies", Policies.ContributionPolicyRead);
            o.Conventions.AuthorizePage("/Contributions/ResidentPolicies", Policies.ContributionPolicyRead);
            o.Conventions.AuthorizePage("/Contributions/WaitingRules", Policies.ContributionPolicyRead);
            o.Conventions.AuthorizePage("/Contributions/Flexible", Policies.ContributionWrite);
            o.Conventions.AllowAnonymousToFolder("/Error");
            o.Conventions.AllowAnonymousToFolder("/Public");
            o.Conventions.AllowAnonymousToPage("/Account/Login");
            o.Conventions.AllowAnonymousToPage("/Account/Logout");
        });
        // Chinese text is written as-is, not as &#x...; entities (still HTML-encoded where needed).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.Customize);
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "医保经办系统 Yibao API";
            doc.Info.Version = "v1";
            doc.Info.Description = "定点医药机构接口：错误为 RFC 9457 ProblemDetails（稳定错误码 + 中文消息）。";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks();

        var app = builder.Build();
        var zh = new CultureInfo("zh-CN");
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(zh),
            SupportedCultures = [zh],
            SupportedUICultures = [zh],
        });
        // /api answers ProblemDetails (code + Chinese title/detail); pages answer the Chinese error pages.
        app.UseWhen(ctx => ApiProblems.IsApi(ctx.Request), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages(ApiProblems.StatusCodePage);
        });
        app.UseWhen(ctx => !ApiProblems.IsApi(ctx.Request), pages =>
        {
            if (!app.Environment.IsDevelopment())
            {
                pages.UseExceptionHandler("/Error/500");
            }

            pages.UseStatusCodePagesWithReExecute("/Error/{0}");
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<MustChangePasswordMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/scalar", o => o.WithTitle("医保经办系统 API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        app.MapRazorPages();
        app.MapYibaoApi();
        app.MapRegistryApi();
        app.MapSettlementApi();
        app.MapFsiEnvelope();
        app.MapOutOfAreaApi();
        return app;
    }

    /// <summary>Applies migrations and reference data; run at start-up.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
    }

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> ctx)
    {
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task Status(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        ctx.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}

public static class Policies
{
    /// <summary>智能审核 (rules, runs, review queue): 审核员.</summary>
    public const string Review = "Review";

    public const string Administrator = "Administrator";

    /// <summary>医保目录、待遇政策 read: 系统管理员、经办员、审核员 (writes: 系统管理员 only).</summary>
    public const string CatalogRead = "CatalogRead";

    /// <summary>参保登记 screens, read-only (经办员、审核员、财务、局领导).</summary>
    public const string RegistryRead = "RegistryRead";

    /// <summary>参保登记 forms (经办员).</summary>
    public const string RegistryWrite = "RegistryWrite";

    /// <summary>结算查询/明细 (审核员、经办员、财务); cancelling is 审核员 only (checked in the page).</summary>
    public const string SettlementRead = "SettlementRead";

    /// <summary>定点医药机构 screens (every staff role reads; the edit page is 系统管理员 only).</summary>
    public const string InstitutionRead = "InstitutionRead";

    /// <summary>基金财务 screens (财务、局领导、审核员 read; 拨付 is 财务 only, checked in the page).</summary>
    public const string FundsRead = "FundsRead";

    /// <summary>基金监管 screens (稽核员 writes; 财务 records 到账 and pays rewards; 局领导 reads).</summary>
    public const string SupervisionRead = "SupervisionRead";

    /// <summary>部门预算 screens, read (财务、局领导).</summary>
    public const string BudgetRead = "BudgetRead";

    /// <summary>部门预算 import, replace, status changes (财务).</summary>
    public const string BudgetWrite = "BudgetWrite";

    /// <summary>征缴 screens, read (经办员、财务).</summary>
    public const string ContributionRead = "ContributionRead";

    /// <summary>征缴 writes: 基数申报、编制征收计划、入库导入、灵活就业缴费 (经办员).</summary>
    public const string ContributionWrite = "ContributionWrite";

    /// <summary>缴费标准 page (经办员、系统管理员 write; 财务 read).</summary>
    public const string ContributionPolicyRead = "ContributionPolicyRead";
}
