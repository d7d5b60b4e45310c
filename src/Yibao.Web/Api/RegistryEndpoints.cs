using System.Globalization;
using Yibao.Application.Registry;

namespace Yibao.Web.Api;

/// <summary>参保登记 API under /api/v1. The host calls <see cref="MapRegistryApi"/> next to MapYibaoApi.</summary>
public static class RegistryEndpoints
{
    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder app)
    {
        var persons = app.MapGroup("/api/v1/persons").WithTags("参保登记");

        // Staff (login) or a designated institution (API key).
        persons.MapGet("/{id}/eligibility", GetEligibilityAsync)
            .WithName("GetEligibility")
            .WithSummary("参保资格查询（1101）")
            .WithDescription("按人员编号 psn_no 或证件号码 certno 查询某日（date=yyyy-MM-dd，缺省为今天）的参保险种、人员类别、参保状态、特殊身份与待遇享受期。")
            .Produces<EligibilityView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(SettlementEndpoints.StaffOrInstitutionPolicy);
        return app;
    }

    internal static async Task<IResult> GetEligibilityAsync(string id, string? date, GetEligibilityHandler handler, CancellationToken ct)
    {
        DateOnly? on = null;
        if (!string.IsNullOrEmpty(date))
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return Problem(StatusCodes.Status400BadRequest, "invalid-date", $"查询日期 date：“{date}”不是有效日期，格式应为 yyyy-MM-dd", "date");
            }

            on = parsed;
        }

        var result = await handler.HandleAsync(new GetEligibility(id, on), ct);
        if (result.Succeeded)
        {
            return Results.Ok(result.Value);
        }

        var error = result.Errors[0];
        var status = error.Code == "person-not-found" ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return Problem(status, error.Code, error.Message, error.Field);
    }

    private static IResult Problem(int status, string code, string message, string? field) =>
        Results.Problem(
            statusCode: status,
            title: status == StatusCodes.Status404NotFound ? "未找到" : "请求参数有误",
            detail: message,
            type: "https://yibao.local/errors/" + code,
            extensions: new Dictionary<string, object?> { ["code"] = code, ["field"] = field });
}
