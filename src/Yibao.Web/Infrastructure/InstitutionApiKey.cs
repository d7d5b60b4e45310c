using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Yibao.Application.Institutions;
using Yibao.Application.Settlement;

namespace Yibao.Web.Infrastructure;

/// <summary>
/// Authentication of designated institutions by API key: <c>Authorization: Bearer yb_…</c> or <c>X-Api-Key: yb_…</c>.
/// The key is hashed (SHA-256) and looked up among active clients; the principal carries the institution.
/// </summary>
public sealed class InstitutionApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "InstitutionApiKey";
    public const string InstitutionIdClaim = "fixmedins_id";
    public const string InstitutionCodeClaim = "fixmedins_code";
    public const string ClientIdClaim = "api_client_id";
    public const string Role = "定点医药机构";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = KeyOf(Request);
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        var found = await Context.RequestServices.GetRequiredService<AuthenticateApiClientHandler>().HandleAsync(key, Context.RequestAborted);
        if (found is not { } f)
        {
            return AuthenticateResult.Fail("接口密钥无效或已吊销");
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, f.Institution.Code),
            new Claim(ClaimTypes.Role, Role),
            new Claim(InstitutionIdClaim, f.Institution.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(InstitutionCodeClaim, f.Institution.Code),
            new Claim(ClientIdClaim, f.Client.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "invalid-api-key", "未认证", "请在 Authorization: Bearer 或 X-Api-Key 请求头中提供有效的接口密钥。");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "forbidden", "无权访问", "当前接口密钥无权执行此操作。");

    public static string? KeyOf(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return auth["Bearer ".Length..].Trim();
        }

        var header = request.Headers["X-Api-Key"].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }

    /// <summary>The calling institution of an authenticated principal.</summary>
    public static InstitutionCaller CallerOf(ClaimsPrincipal user) => new(
        long.Parse(user.FindFirstValue(InstitutionIdClaim)!, System.Globalization.CultureInfo.InvariantCulture),
        user.FindFirstValue(InstitutionCodeClaim)!);
}
