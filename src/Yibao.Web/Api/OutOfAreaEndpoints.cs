using System.Text.Json;
using Yibao.Application.OutOfArea;

namespace Yibao.Web.Api;

/// <summary>
/// 异地就医备案 API under /api/v1/outofarea for the agency's own systems (staff login, 经办员): file (national 2501 fields)
/// and cancel (2502). Errors are ProblemDetails with a stable code; payload: docs/formats/outofarea-filing.md.
/// </summary>
public static class OutOfAreaEndpoints
{
    public static IEndpointRouteBuilder MapOutOfAreaApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/outofarea").WithTags("异地就医备案").RequireAuthorization(Policies.RegistryWrite);
        g.MapPost("/filings", FileAsync)
            .WithName("FileOutOfArea")
            .WithSummary("异地就医备案（2501）")
            .WithDescription("备案类别 fil_type：1 异地长期居住、2 常驻异地工作、3 转诊转院（须填转出医疗机构 refl_fixmedins_name）、4 临时外出就医（须填结束日期，最长 6 个月）。")
            .Accepts<FileOutOfArea>("application/json")
            .Produces<FilingView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/filings/{filNo}/cancel", CancelAsync)
            .WithName("CancelOutOfAreaFiling")
            .WithSummary("撤销异地就医备案（2502）")
            .WithDescription("请求体 {\"memo\": \"撤销原因\"}；备案状态改为已撤销，记录不删除。")
            .Produces<FilingView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        g.MapGet("/filings/{filNo}", GetAsync).WithName("GetOutOfAreaFiling").WithSummary("查询异地就医备案").Produces<FilingView>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static async Task<IResult> FileAsync(HttpRequest request, FileOutOfAreaHandler handler, CancellationToken ct)
    {
        FileOutOfArea? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<FileOutOfArea>(request.Body, Json, ct);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "malformed-json", $"请求体：JSON 格式错误或字段类型不符（{ex.Path ?? "$"}），日期格式为 yyyy-MM-dd", "body");
        }

        if (body is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "malformed-json", "请求体：不能为空", "body");
        }

        var result = await handler.HandleAsync(body with { PsnNo = body.PsnNo ?? "", Insutype = body.Insutype ?? "", FilingType = body.FilingType ?? "", DestinationCode = body.DestinationCode ?? "", DestinationName = body.DestinationName ?? "", Reason = body.Reason ?? "" }, ct);
        return result.Succeeded ? Results.Created($"/api/v1/outofarea/filings/{result.Value!.FilingNo}", result.Value) : FromError(result.Errors[0]);
    }

    private sealed record CancelBody(string? Memo);

    internal static async Task<IResult> CancelAsync(string filNo, HttpRequest request, CancelOutOfAreaFilingHandler handler, CancellationToken ct)
    {
        CancelBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<CancelBody>(request.Body, Json, ct);
        }
        catch (JsonException)
        {
            return Problem(StatusCodes.Status400BadRequest, "malformed-json", "请求体：JSON 格式错误，应为 {\"memo\": \"撤销原因\"}", "body");
        }

        var result = await handler.HandleAsync(new CancelOutOfAreaFiling(filNo, body?.Memo ?? ""), ct);
        return result.Succeeded ? Results.Ok(result.Value) : FromError(result.Errors[0]);
    }

    internal static async Task<IResult> GetAsync(string filNo, SearchFilingsHandler search, Yibao.Application.Common.IAppDbContext db, CancellationToken ct)
    {
        var f = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(db.OutOfAreaFilings, x => x.FilingNo == filNo, ct);
        if (f is null)
        {
            return Problem(StatusCodes.Status404NotFound, FilingErrors.NotFound, $"备案号 fil_no：没有备案“{filNo}”", "fil_no");
        }

        var name = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Persons.Where(p => p.Id == f.PersonId).Select(p => p.Name), ct);
        return Results.Ok(FilingView.Of(f, name));
    }

    private static IResult FromError(Yibao.Application.Common.AppError e)
    {
        var status = e.Code switch
        {
            FilingErrors.NotFound or "person-not-found" => StatusCodes.Status404NotFound,
            FilingErrors.Overlap or FilingErrors.AlreadyCancelled => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        return Problem(status, e.Code == "validation" ? FilingErrors.Validation : e.Code, e.Message, e.Field);
    }

    private static IResult Problem(int status, string code, string message, string? field) =>
        Results.Problem(
            statusCode: status,
            title: status switch { StatusCodes.Status404NotFound => "未找到", StatusCodes.Status409Conflict => "状态冲突", _ => "请求参数有误" },
            detail: message,
            type: "https://yibao.local/errors/" + code,
            extensions: new Dictionary<string, object?> { ["code"] = code, ["field"] = field });
}
