using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Yibao.Application.Common;
using Yibao.Application.Settlement;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Api;

/// <summary>
/// 联网结算 API for designated institutions (API key): outpatient 2201/2202/2204/2205/2206/2207/2208, inpatient
/// 2401/2404/2402/2405/2301/2302/2303/2304/2305, 2001, 5206, 2601 冲正, 3201/3202 对账.
/// Writes need a <c>msgid</c> header: a repeat returns the stored answer (header <c>Idempotent-Replayed: true</c>),
/// the same msgid with another request is 409 <c>msgid-conflict</c>. Errors are ProblemDetails with a stable code.
/// </summary>
public static class SettlementEndpoints
{
    public const string InstitutionPolicy = "Institution";
    public const string StaffOrInstitutionPolicy = "StaffOrInstitution";
    public const string RateLimitPolicy = "institution";
    public const string MsgidHeader = "msgid";

    private static readonly JsonSerializerOptions BodyJson = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowReadingFromString };

    public sealed record FeeUploadBody([property: JsonPropertyName("feedetail")] List<FeeDetailInput>? FeeDetail);
    public sealed record FeeCancelBody([property: JsonPropertyName("feedetl_sn")] string? FeedetlSn);
    public sealed record SettleBody([property: JsonPropertyName("medfee_sumamt")] decimal? MedfeeSumamt, [property: JsonPropertyName("acct_used_flag")] string? AcctUsedFlag);
    public sealed record CancelBody([property: JsonPropertyName("memo")] string? Memo);
    public sealed record InpatientSettleBody(
        [property: JsonPropertyName("medfee_sumamt")] decimal? MedfeeSumamt,
        [property: JsonPropertyName("acct_used_flag")] string? AcctUsedFlag,
        [property: JsonPropertyName("mid_setl_flag")] string? MidSetlFlag);

    public static IEndpointRouteBuilder MapSettlementApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("联网结算").RequireAuthorization(InstitutionPolicy).RequireRateLimiting(RateLimitPolicy);

        api.MapGet("/persons/{id}/treatment", CheckTreatmentAsync).WithSummary("人员待遇享受检查（2001）")
            .WithDescription("insutype=险种，date=yyyy-MM-dd（缺省今天）。trt_chk_rslt=1 可享受，0 不可享受并给出原因。").Produces<TreatmentView>();
        api.MapGet("/persons/{id}/accumulators", AccumulatorsAsync).WithSummary("人员累计信息（5206）").Produces<AccumulatorView>();

        api.MapPost("/encounters", (HttpContext ctx, RegisterOutpatientHandler h, IdempotentRequests idem, CancellationToken ct) =>
                WriteAsync<RegisterOutpatient, EncounterView>(ctx, idem, "2201", "encounters",
                    (caller, body, t) => h.HandleAsync(caller, body!, t), ct))
            .WithSummary("门诊挂号（2201）").WithDescription("请求体：psn_no、insutype、med_type（11/14）、begntime、dise_codg、chronic_dise；请求头 msgid 必填。").Produces<EncounterView>();
        api.MapPost("/encounters/{mdtrtId}/cancel", (string mdtrtId, HttpContext ctx, CancelOutpatientRegistrationHandler h, IdempotentRequests idem, CancellationToken ct) =>
                WriteAsync<CancelBody, EncounterView>(ctx, idem, "2202", mdtrtId,
                    (caller, _, t) => h.HandleAsync(caller, new CancelOutpatientRegistration(mdtrtId), t), ct, allowEmpty: true))
            .WithSummary("门诊挂号撤销（2202）").Produces<EncounterView>();
        api.MapPost("/encounters/{mdtrtId}/fee-details", (string mdtrtId, HttpContext ctx, UploadFeeDetailsHandler h, IdempotentRequests idem, CancellationToken ct) =>
                WriteAsync<FeeUploadBody, UploadedFeeDetails>(ctx, idem, "2204", mdtrtId,
                    (caller, body, t) => h.HandleAsync(caller, new UploadFeeDetails(mdtrtId, body?.FeeDetail ?? []), t), ct))
            .WithSummary("门诊费用明细上传（2204）").WithDescription("不在医保目录的项目照常接收，按全自费结算并在结果中说明。").Produces<UploadedFeeDetails>();
        api.MapPost("/encounters/{mdtrtId}/fee-details/cancel", (string mdtrtId, HttpContext ctx, CancelFeeDetailsHandler h, IdempotentRequests idem, CancellationToken ct) =>
                WriteAsync<FeeCancelBody, UploadedFeeDetails>(ctx, idem, "2205", mdtrtId,
                    (caller, body, t) => h.HandleAsync(caller, new CancelFeeDetails(mdtrtId, body?.FeedetlSn), t), ct, allowEmpty: true))
            .WithSummary("门诊费用明细撤销（2205）").WithDescription("feedetl_sn 为空时撤销全部未撤销明细。").Produces<UploadedFeeDetails>();
        api.MapPost("/encounters/{mdtrtId}/pre-settlement", PreSettleAsync)
            .WithSummary("门诊预结算（2206）").WithDescription("只计算，不改变任何数据；不需要 msgid。").Produces<SettlementView>();
        api.MapPost("/encounters/{mdtrtId}/settlement", (string mdtrtId, HttpContext ctx, SettleOutpatientHandler h, IdempotentRequests idem, CancellationToken ct) =>
                WriteAsync<SettleBody, SettlementView>(ctx, idem, "2207", mdtrtId,
                    (caller, body, t) => body?.MedfeeSumamt is not { } total
                        ? Task.FromResult(AppResult<SettlementView>.Fail(new AppError(SettlementErrors.Validation, "医疗费总额 medfee_sumamt：不能为空", "medfee_sumamt")))
                        : h.HandleAsync(caller, new SettleOutpatient(mdtrtId, total, body.AcctUsedFlag ?? "0"), t), ct))
            .WithSummary("门诊结算（2207）").WithDescription("medfee_sumamt 必须等于已上传明细合计；结算、累计、记账在同一事务内写入。").Produces<SettlementView>();
        api.MapGet("/statements", StatementsAsync)
            .WithSummary("本机构月结算单")
            .WithDescription("查询调用机构自己的已生成月结算单；month=yyyy-MM 时只返回该月，不填返回全部（最多 500 张）。只能看到本机构的结算单。")
            .Produces<IReadOnlyList<Yibao.Application.Funds.StoredStatementView>>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/settlements/{setlId}", async (string setlId, ClaimsPrincipal user, GetSettlementHandler h, CancellationToken ct) =>
                ToResult(await h.HandleAsync(InstitutionApiKeyHandler.CallerOf(user), setlId, ct)))
            .WithSummary("结算信息查询").Produces<SettlementView>();
        api.MapPost("/settlements/{setlId}/cancel", (string setlId, HttpContext ctx, CancelSettlementHandler h, IdempotentRequests idem, CancellationToken ct) =>
                WriteAsync<CancelBody, SettlementView>(ctx, idem, "2208", setlId,
                    (caller, body, t) => h.HandleAsync(caller, new CancelSettlement(setlId, body?.Memo), t), ct, allowEmpty: true))
            .WithSummary("门诊结算撤销（2208）").WithDescription("写冲销凭证、恢复年度累计、就诊回到已登记状态；不删除任何记录。").Produces<SettlementView>();
        api.MapPost("/reversals", (HttpContext ctx, ReverseTransactionHandler h, IdempotentRequests idem, CancellationToken ct) =>
                WriteAsync<ReverseTransaction, ReversalView>(ctx, idem, "2601", "reversals",
                    (caller, body, t) => h.HandleAsync(caller, body!, t), ct))
            .WithSummary("冲正交易（2601）")
            .WithDescription("请求体：omsgid（原交易的报文 ID）、oinfno（原交易编号，可选）。原交易 2207 按结算撤销冲正（冲销凭证、恢复累计），2201 撤销挂号，2204 撤销该次上传的明细；未办理成功的报文返回 original-msgid-not-found。请求头 msgid 必填，本交易同样按 msgid 幂等。")
            .Produces<ReversalView>();
        MapInpatient(api);
        api.MapPost("/reconciliation/totals", (HttpContext ctx, ReconcileTotalsHandler h, CancellationToken ct) =>
                QueryAsync<ReconcileTotals, TotalsReconciliation>(ctx, (caller, body, t) => h.HandleAsync(caller, body, t), ct))
            .WithSummary("对总账（3201）")
            .WithDescription("请求体：stmt_begndate、stmt_enddate、data[]（insutype、clr_type 11 门诊/21 住院/41 药店购药、medfee_sumamt、fund_pay_sumamt、acct_pay、fixmedins_setl_cnt）。只统计本机构期间内未撤销的结算；stmt_rslt 0 一致、1 不一致，并逐项给出差额。只读，不需要 msgid。")
            .Produces<TotalsReconciliation>();
        api.MapPost("/reconciliation/details", (HttpContext ctx, ReconcileDetailsHandler h, CancellationToken ct) =>
                QueryAsync<ReconcileDetails, DetailsReconciliation>(ctx, (caller, body, t) => h.HandleAsync(caller, body, t), ct))
            .WithSummary("对明细账（3202）")
            .WithDescription("请求体：stmt_begndate、stmt_enddate、details[]（setl_id、medfee_sumamt、fund_pay_sumamt、acct_pay）。返回 missing_in_hi（医保方缺）、missing_in_medins（机构方缺）、amount_diffs（金额不符）。只读，不需要 msgid。")
            .Produces<DetailsReconciliation>();
        return app;
    }

    /// <summary>住院 2401/2404/2402/2405/2301/2302/2303/2304/2305 under <c>/api/v1/admissions</c>.</summary>
    private static void MapInpatient(RouteGroupBuilder api)
    {
        var ipt = api.MapGroup("/admissions").WithTags("联网结算·住院");
        ipt.MapPost("", (HttpContext ctx, AdmitInpatientHandler h, IdempotentRequests idem, CancellationToken ct) =>
                WriteAsync<AdmitInpatient, AdmissionView>(ctx, idem, "2401", "admissions",
                    (caller, body, t) => h.HandleAsync(caller, body! with { PsnNo = body.PsnNo ?? "", Insutype = body.Insutype ?? "", IptOtpNo = body.IptOtpNo ?? "", AdmDeptCodg = body.AdmDeptCodg ?? "", DiseCodg = body.DiseCodg ?? "" }, t), ct))
            .WithSummary("入院办理（2401）")
            .WithDescription("请求体：psn_no、insutype、begntime（入院日期）、ipt_otp_no（住院号）、adm_dept_codg（入院科室）、dise_codg（入院诊断）、adm_bed（床位，可选）、med_type（缺省 21）。同一人员在本机构已有未结算的住院时拒绝（admission-open）。请求头 msgid 必填。")
            .Produces<AdmissionView>();
        ipt.MapGet("/{mdtrtId}", async (string mdtrtId, ClaimsPrincipal user, GetAdmissionHandler h, CancellationToken ct) =>
                ToResult(await h.HandleAsync(InstitutionApiKeyHandler.CallerOf(user), mdtrtId, ct)))
            .WithSummary("住院信息查询").WithDescription("只能查询本机构的住院；其他机构的住院一律 404。").Produces<AdmissionView>();
        ipt.MapPost("/{mdtrtId}/cancel", (string mdtrtId, HttpContext ctx, CancelAdmissionHandler h, IdempotentRequests idem, CancellationToken ct) =>
                WriteAsync<CancelBody, AdmissionView>(ctx, idem, "2404", mdtrtId,
                    (caller, _, t) => h.HandleAsync(caller, new CancelAdmission(mdtrtId), t), ct, allowEmpty: true))
            .WithSummary("取消入院（2404）").WithDescription("只有没有有效结算的住院可以取消（has-settlements）；状态改为已撤销，不删除记录。").Produces<AdmissionView>();
        ipt.MapPost("/{mdtrtId}/discharge", (string mdtrtId, HttpContext ctx, DischargeInpatientHandler h, IdempotentRequests idem, CancellationToken ct) =>
                WriteAsync<DischargeInpatient, AdmissionView>(ctx, idem, "2402", mdtrtId,
                    (caller, body, t) => h.HandleAsync(caller, body! with { MdtrtId = mdtrtId, DscgMaindiagCode = body.DscgMaindiagCode ?? "" }, t), ct))
            .WithSummary("出院办理（2402）")
            .WithDescription("请求体：endtime（出院日期，不早于入院日期、不晚于今天）、dscg_maindiag_code（出院主要诊断）、dscg_way（离院方式 1/2/3/4/5/9，缺省 1）。").Produces<AdmissionView>();
        ipt.MapPost("/{mdtrtId}/discharge/cancel", (string mdtrtId, HttpContext ctx, CancelDischargeHandler h, IdempotentRequests idem, CancellationToken ct) =>
                WriteAsync<CancelBody, AdmissionView>(ctx, idem, "2405", mdtrtId,
                    (caller, _, t) => h.HandleAsync(caller, new CancelDischarge(mdtrtId), t), ct, allowEmpty: true))
            .WithSummary("撤销出院（2405）").WithDescription("已出院结算的住院须先撤销结算（2305）。").Produces<AdmissionView>();
        ipt.MapPost("/{mdtrtId}/fee-details", (string mdtrtId, HttpContext ctx, UploadFeeDetailsHandler h, IdempotentRequests idem, CancellationToken ct) =>
                WriteAsync<FeeUploadBody, UploadedFeeDetails>(ctx, idem, "2301", mdtrtId,
                    (caller, body, t) => h.HandleAsync(caller, new UploadFeeDetails(mdtrtId, body?.FeeDetail ?? []), inpatient: true, t), ct))
            .WithSummary("住院费用明细上传（2301）")
            .WithDescription("住院期间可分多批上传，feedetl_sn 在整个住院内唯一（撤销的也不能重复使用）；校验与 2204 相同；fee_ocur_time 须在住院期间；不在医保目录的项目按全自费接收并说明。").Produces<UploadedFeeDetails>();
        ipt.MapPost("/{mdtrtId}/fee-details/cancel", (string mdtrtId, HttpContext ctx, CancelFeeDetailsHandler h, IdempotentRequests idem, CancellationToken ct) =>
                WriteAsync<FeeCancelBody, UploadedFeeDetails>(ctx, idem, "2302", mdtrtId,
                    (caller, body, t) => h.HandleAsync(caller, new CancelFeeDetails(mdtrtId, body?.FeedetlSn), inpatient: true, t), ct, allowEmpty: true))
            .WithSummary("住院费用明细撤销（2302）").WithDescription("feedetl_sn 为空时撤销全部未结算、未撤销的明细；已中途结算的明细须先撤销结算。").Produces<UploadedFeeDetails>();
        ipt.MapPost("/{mdtrtId}/pre-settlement", async (string mdtrtId, HttpContext ctx, SettleInpatientHandler h, CancellationToken ct) =>
            {
                var (body, error) = await ReadBodyAsync<InpatientSettleBody>(ctx, allowEmpty: false, ct);
                if (error is not null)
                {
                    return error;
                }

                return body!.Value.Parsed?.MedfeeSumamt is not { } total
                    ? Problem(new AppError(SettlementErrors.Validation, "医疗费总额 medfee_sumamt：不能为空", "medfee_sumamt"))
                    : ToResult(await h.HandleAsync(InstitutionApiKeyHandler.CallerOf(ctx.User),
                        new SettleInpatient(mdtrtId, total, body.Value.Parsed.AcctUsedFlag ?? "0", body.Value.Parsed.MidSetlFlag ?? "0", PreSettle: true), ct));
            })
            .WithSummary("住院预结算（2303）").WithDescription("只计算，不改变任何数据；不需要 msgid。").Produces<SettlementView>();
        ipt.MapPost("/{mdtrtId}/settlement", (string mdtrtId, HttpContext ctx, SettleInpatientHandler h, IdempotentRequests idem, CancellationToken ct) =>
                WriteAsync<InpatientSettleBody, SettlementView>(ctx, idem, "2304", mdtrtId,
                    (caller, body, t) => body?.MedfeeSumamt is not { } total
                        ? Task.FromResult(AppResult<SettlementView>.Fail(new AppError(SettlementErrors.Validation, "医疗费总额 medfee_sumamt：不能为空", "medfee_sumamt")))
                        : h.HandleAsync(caller, new SettleInpatient(mdtrtId, total, body.AcctUsedFlag ?? "0", body.MidSetlFlag ?? "0"), t), ct))
            .WithSummary("住院结算（2304）")
            .WithDescription("须先出院（2402），或注明 mid_setl_flag=1 中途结算（只结算已上传且未结算的明细，住院继续）。按住院计算，年度内第 2、3 次住院按政策降低起付线。medfee_sumamt 必须等于本次结算明细合计；结算、累计、记账在同一事务内写入。")
            .Produces<SettlementView>();
        api.MapPost("/settlements/{setlId}/inpatient-cancel", (string setlId, HttpContext ctx, CancelInpatientSettlementHandler h, IdempotentRequests idem, CancellationToken ct) =>
                WriteAsync<CancelBody, SettlementView>(ctx, idem, "2305", setlId,
                    (caller, body, t) => h.HandleAsync(caller, new CancelSettlement(setlId, body?.Memo), t), ct, allowEmpty: true))
            .WithTags("联网结算·住院")
            .WithSummary("住院结算撤销（2305）")
            .WithDescription("写冲销凭证、恢复年度累计；住院回到已出院未结算状态（中途结算则其明细可再次结算）。同一住院有其后的结算时须先撤销后者。").Produces<SettlementView>();
    }

    private static async Task<IResult> CheckTreatmentAsync(string id, string? insutype, string? date, CheckTreatmentHandler h, TimeProvider clock, CancellationToken ct)
    {
        var on = clock.TodayInChinaDate();
        if (!string.IsNullOrEmpty(date) && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out on))
        {
            return Problem(new AppError("invalid-date", $"日期 date：“{date}”不是有效日期，格式应为 yyyy-MM-dd", "date"));
        }

        return ToResult(await h.HandleAsync(new CheckTreatment(id, insutype ?? "", on), ct));
    }

    private static async Task<IResult> AccumulatorsAsync(string id, int? year, GetAccumulatorsHandler h, TimeProvider clock, CancellationToken ct) =>
        ToResult(await h.HandleAsync(new GetAccumulators(id, year ?? clock.TodayInChinaDate().Year), ct));

    private static async Task<IResult> PreSettleAsync(string mdtrtId, HttpContext ctx, SettleOutpatientHandler h, CancellationToken ct)
    {
        var (body, error) = await ReadBodyAsync<SettleBody>(ctx, allowEmpty: false, ct);
        if (error is not null)
        {
            return error;
        }

        if (body!.Value.Parsed?.MedfeeSumamt is not { } total)
        {
            return Problem(new AppError(SettlementErrors.Validation, "医疗费总额 medfee_sumamt：不能为空", "medfee_sumamt"));
        }

        return ToResult(await h.HandleAsync(InstitutionApiKeyHandler.CallerOf(ctx.User), new SettleOutpatient(mdtrtId, total, body.Value.Parsed!.AcctUsedFlag ?? "0", PreSettle: true), ct));
    }

    private static async Task<IResult> WriteAsync<TBody, TResult>(HttpContext ctx, IdempotentRequests idem, string infno, string target,
        Func<InstitutionCaller, TBody?, CancellationToken, Task<AppResult<TResult>>> work, CancellationToken ct, bool allowEmpty = false)
        where TBody : class
    {
        var msgid = ctx.Request.Headers[MsgidHeader].ToString().Trim();
        if (msgid.Length is 0 or > 60)
        {
            return Problem(new AppError("msgid-required", "报文 ID msgid：写操作必须在请求头 msgid 中提供 1–60 个字符的报文 ID（用于防止重复结算）", "msgid"));
        }

        var (body, error) = await ReadBodyAsync<TBody>(ctx, allowEmpty, ct);
        if (error is not null)
        {
            return error;
        }

        var caller = InstitutionApiKeyHandler.CallerOf(ctx.User);
        var parsed = body!.Value.Parsed;
        var call = new ApiCall(caller.InstitutionId, msgid, infno, ApiCall.HashOf(infno, target, body.Value.Raw));
        var outcome = await idem.RunAsync(call, t => work(caller, parsed, t), v => JsonSerializer.Serialize(v), ct);
        if (outcome.Conflict)
        {
            return Problem(new AppError(IdempotentRequests.MsgidConflict, $"报文 ID msgid：“{msgid}”已用于另一笔不同的请求，请使用新的报文 ID", "msgid"), StatusCodes.Status409Conflict);
        }

        if (outcome.Fresh is { Succeeded: false } failed)
        {
            return ToResult(failed);
        }

        if (outcome.Fresh is null)
        {
            ctx.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return Results.Text(outcome.StoredJson!, "application/json; charset=utf-8", statusCode: StatusCodes.Status200OK);
    }

    private static async Task<IResult> QueryAsync<TBody, TResult>(HttpContext ctx,
        Func<InstitutionCaller, TBody, CancellationToken, Task<AppResult<TResult>>> work, CancellationToken ct)
        where TBody : class
    {
        var (body, error) = await ReadBodyAsync<TBody>(ctx, allowEmpty: false, ct);
        return error ?? ToResult(await work(InstitutionApiKeyHandler.CallerOf(ctx.User), body!.Value.Parsed!, ct));
    }

    private static async Task<((string Raw, TBody? Parsed)? Value, IResult? Error)> ReadBodyAsync<TBody>(HttpContext ctx, bool allowEmpty, CancellationToken ct)
        where TBody : class
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var raw = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return allowEmpty
                ? ((raw, null), null)
                : (null, Problem(new AppError("body-required", "请求体：不能为空，须为 JSON 对象", "body")));
        }

        try
        {
            var parsed = JsonSerializer.Deserialize<TBody>(raw, BodyJson);
            return parsed is null
                ? (null, Problem(new AppError("malformed-json", "请求体：须为 JSON 对象", "body")))
                : ((raw, parsed), null);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "body" : ex.Path;
            return (null, Problem(new AppError("malformed-json", $"请求体：JSON 格式错误或字段类型不符（位置 {path}，第 {(ex.LineNumber ?? 0) + 1} 行）", path)));
        }
    }

    public static IResult ToResult<T>(AppResult<T> r) => r.Succeeded ? Results.Ok(r.Value) : Problem(r.Errors[0], null, r.Errors);

    private static async Task<IResult> StatementsAsync(string? month, ClaimsPrincipal user, Yibao.Application.Funds.ListStoredStatementsHandler h, CancellationToken ct)
    {
        int? year = null, mon = null;
        if (!string.IsNullOrWhiteSpace(month))
        {
            if (!DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
            {
                return Problem(new AppError(SettlementErrors.Validation, $"结算月份 month：“{month}”不是有效的月份，格式 yyyy-MM，例如 2026-05", "month"));
            }

            (year, mon) = (d.Year, d.Month);
        }

        var caller = InstitutionApiKeyHandler.CallerOf(user);
        return Results.Ok(await h.HandleAsync(new Yibao.Application.Funds.ListStoredStatements(year, mon, caller.InstitutionId), ct));
    }

    public static IResult Problem(AppError e, int? status = null, IReadOnlyList<AppError>? all = null)
    {
        var code = e.Code;
        var s = status ?? (SettlementErrors.IsNotFound(code) ? StatusCodes.Status404NotFound
            : SettlementErrors.IsConflict(code) ? StatusCodes.Status409Conflict
            : SettlementErrors.IsForbidden(code) ? StatusCodes.Status403Forbidden
            : code == SettlementErrors.ReviewRulesInvalid ? StatusCodes.Status503ServiceUnavailable
            : code is "malformed-json" or "body-required" or "msgid-required" or "invalid-date" ? StatusCodes.Status400BadRequest
            : StatusCodes.Status422UnprocessableEntity);
        var (_, title, _) = ApiProblems.Describe(s);
        var ext = new Dictionary<string, object?> { ["code"] = code, ["field"] = e.Field };
        if (all is { Count: > 1 })
        {
            ext["errors"] = all.Select(x => new { code = x.Code, field = x.Field, message = x.Message }).ToList();
        }

        return Results.Problem(statusCode: s, title: title, detail: e.Message, type: "https://yibao.local/errors/" + code, extensions: ext);
    }

    private static DateOnly TodayInChinaDate(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));
}
