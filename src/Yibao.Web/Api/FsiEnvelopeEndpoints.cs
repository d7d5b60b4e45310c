using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.OutOfArea;
using Yibao.Application.Registry;
using Yibao.Application.Settlement;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Api;

/// <summary>
/// 国家医保接口报文适配 <c>POST /fsi/api/{infno}</c>: the national request envelope
/// (<c>infno, msgid, mdtrtarea_admvs, insuplc_admdvs, recer_sys_code, signtype, infver, opter, fixmedins_code, inf_time, input</c>)
/// mapped onto the same handlers as <c>/api/v1</c>: same API key, same institution scoping, writes idempotent by msgid
/// (the same stored answers, so a 2601 can reverse a message sent through either surface).
/// The answer is always the national response envelope (<c>infcode</c> 0 success, -1 failure with a Chinese <c>err_msg</c>).
/// Mapping: docs/formats/fsi-envelope.md.
/// </summary>
public static class FsiEnvelopeEndpoints
{
    /// <summary>Supported transactions and whether they write (writes are idempotent by msgid).</summary>
    public static readonly IReadOnlyDictionary<string, bool> Transactions = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["1101"] = false, ["2001"] = false, ["2201"] = true, ["2202"] = true, ["2204"] = true, ["2205"] = true, ["2206"] = false,
        ["2207"] = true, ["2208"] = true, ["2301"] = true, ["2302"] = true, ["2303"] = false, ["2304"] = true, ["2305"] = true,
        ["2401"] = true, ["2402"] = true, ["2404"] = true, ["2405"] = true, ["2501"] = true, ["2502"] = true, ["2601"] = true, ["3201"] = false, ["3202"] = false, ["5206"] = false,
    };

    private static readonly JsonSerializerOptions InputJson = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new NationalDateConverter() },
    };

    private static readonly JsonSerializerOptions OutputJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static IEndpointRouteBuilder MapFsiEnvelope(this IEndpointRouteBuilder app)
    {
        app.MapPost("/fsi/api/{infno}", HandleAsync)
            .WithTags("国家接口报文")
            .RequireAuthorization(SettlementEndpoints.InstitutionPolicy)
            .RequireRateLimiting(SettlementEndpoints.RateLimitPolicy)
            .WithSummary("国家医保接口报文（1101、2001、2201、2202、2204–2208、2301–2305、2401、2402、2404、2405、2501、2502、2601、3201、3202、5206）")
            .WithDescription("请求为国家接口报文格式（infno、msgid、fixmedins_code、inf_time、input …），应答为 infcode/inf_refmsgid/refmsg_time/respond_time/err_msg/output。写交易按 msgid 幂等。映射见 docs/formats/fsi-envelope.md。");
        return app;
    }

    private sealed class Failure(AppError error) : Exception(error.Message)
    {
        public AppError Error { get; } = error;
    }

    private static async Task<IResult> HandleAsync(string infno, HttpContext ctx, IServiceProvider sp, TimeProvider clock, CancellationToken ct)
    {
        var received = clock.GetUtcNow();
        string? msgid = null;
        try
        {
            using var reader = new StreamReader(ctx.Request.Body);
            var raw = await reader.ReadToEndAsync(ct);
            JsonElement env;
            try
            {
                using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(raw) ? "null" : raw);
                env = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw Fail("malformed-json", "请求体：JSON 格式错误，须为国家接口报文（infno、msgid、input …）", "body");
            }

            if (env.ValueKind != JsonValueKind.Object)
            {
                throw Fail("malformed-json", "请求体：须为 JSON 对象（国家接口报文）", "body");
            }

            msgid = Str(env, "msgid")?.Trim();
            var bodyInfno = Str(env, "infno");
            if (!string.IsNullOrEmpty(bodyInfno) && !string.Equals(bodyInfno, infno, StringComparison.Ordinal))
            {
                throw Fail("infno-mismatch", $"交易编号 infno：报文中的 {bodyInfno} 与地址中的 {infno} 不一致", "infno");
            }

            if (!Transactions.TryGetValue(infno, out var writes))
            {
                throw Fail("unknown-infno", $"交易编号 infno：不支持的交易“{infno}”，本接口支持 {string.Join("、", Transactions.Keys)}", "infno");
            }

            if (string.IsNullOrEmpty(msgid) || msgid.Length > 60)
            {
                throw Fail("msgid-required", "报文 ID msgid：不能为空，须为 1–60 个字符（写交易用于防止重复办理）", "msgid");
            }

            var caller = InstitutionApiKeyHandler.CallerOf(ctx.User);
            var code = Str(env, "fixmedins_code");
            if (!string.IsNullOrEmpty(code) && !string.Equals(code, caller.FixmedinsCode, StringComparison.Ordinal))
            {
                throw Fail("fixmedins-mismatch", $"定点医药机构编号 fixmedins_code：“{code}”与接口密钥所属机构不符", "fixmedins_code");
            }

            var input = env.TryGetProperty("input", out var i) && i.ValueKind == JsonValueKind.Object ? i : throw Fail("input-required", "交易输入 input：不能为空，须为 JSON 对象", "input");
            string output;
            if (writes)
            {
                var idem = sp.GetRequiredService<IdempotentRequests>();
                var call = new ApiCall(caller.InstitutionId, msgid, infno, ApiCall.HashOf(infno, "fsi", input.GetRawText()));
                var outcome = await idem.RunAsync(call, t => WriteAsync(infno, input, caller, sp, clock, t), v => v, ct);
                if (outcome.Conflict)
                {
                    throw Fail(IdempotentRequests.MsgidConflict, $"报文 ID msgid：“{msgid}”已用于另一笔不同的请求，请使用新的报文 ID", "msgid");
                }

                if (outcome.Fresh is { Succeeded: false } failed)
                {
                    throw new Failure(Combined(failed.Errors));
                }

                output = outcome.StoredJson!;
            }
            else
            {
                var r = await ReadAsync(infno, input, caller, sp, clock, ct);
                output = r.Succeeded ? r.Value! : throw new Failure(Combined(r.Errors));
            }

            return Answer(0, msgid, received, clock, null, null, JsonNode.Parse(output));
        }
        catch (Failure f)
        {
            return Answer(-1, msgid, received, clock, f.Error.Message, f.Error.Code, null);
        }
    }

    private static AppError Combined(IReadOnlyList<AppError> errors) =>
        new(errors[0].Code, string.Join("；", errors.Select(e => e.Message)), errors[0].Field);

    private static IResult Answer(int infcode, string? msgid, DateTimeOffset received, TimeProvider clock, string? errMsg, string? errCode, JsonNode? output)
    {
        var now = clock.GetUtcNow();
        var obj = new JsonObject
        {
            ["infcode"] = infcode,
            ["inf_refmsgid"] = string.Create(CultureInfo.InvariantCulture, $"YB{ChinaTime(now):yyyyMMddHHmmss}{Guid.NewGuid().ToString("N")[..12]}"),
            ["refmsg_time"] = ChinaTime(received).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["respond_time"] = ChinaTime(now).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["msgid"] = msgid,
            ["err_msg"] = errMsg,
            ["err_code"] = errCode,
            ["output"] = output ?? new JsonObject(),
        };
        return Results.Text(obj.ToJsonString(OutputJson), "application/json; charset=utf-8", statusCode: StatusCodes.Status200OK);
    }

    private static DateTime ChinaTime(DateTimeOffset t) => t.UtcDateTime.AddHours(8);

    // ───────────── mapping of input onto the handlers ─────────────

    private static async Task<AppResult<string>> WriteAsync(string infno, JsonElement input, InstitutionCaller caller, IServiceProvider sp, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            var data = Data(input);
            return infno switch
            {
                "2201" => Json(await sp.GetRequiredService<RegisterOutpatientHandler>().HandleAsync(caller, Register(data), ct)),
                "2202" => Json(await sp.GetRequiredService<CancelOutpatientRegistrationHandler>().HandleAsync(caller, new CancelOutpatientRegistration(Required(data, "mdtrt_id", "就诊 ID")), ct)),
                "2204" => Json(await sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(caller, Upload(input), ct)),
                "2205" => Json(await sp.GetRequiredService<CancelFeeDetailsHandler>().HandleAsync(caller, CancelLines(data), ct)),
                "2207" => Json(await sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(caller, Settle(data, preSettle: false), ct)),
                "2208" => Json(await sp.GetRequiredService<CancelSettlementHandler>().HandleAsync(caller, new CancelSettlement(Required(data, "setl_id", "结算 ID"), Str(data, "memo")), ct)),
                "2301" => Json(await sp.GetRequiredService<UploadFeeDetailsHandler>().HandleAsync(caller, Upload(input), inpatient: true, ct)),
                "2302" => Json(await sp.GetRequiredService<CancelFeeDetailsHandler>().HandleAsync(caller, CancelLines(data), inpatient: true, ct)),
                "2304" => Json(await sp.GetRequiredService<SettleInpatientHandler>().HandleAsync(caller, SettleIpt(data, preSettle: false), ct)),
                "2305" => Json(await sp.GetRequiredService<CancelInpatientSettlementHandler>().HandleAsync(caller, new CancelSettlement(Required(data, "setl_id", "结算 ID"), Str(data, "memo")), ct)),
                "2401" => Json(await sp.GetRequiredService<AdmitInpatientHandler>().HandleAsync(caller, Admit(input), ct)),
                "2402" => Json(await sp.GetRequiredService<DischargeInpatientHandler>().HandleAsync(caller, Discharge(input), ct)),
                "2404" => Json(await sp.GetRequiredService<CancelAdmissionHandler>().HandleAsync(caller, new CancelAdmission(Required(data, "mdtrt_id", "就诊 ID")), ct)),
                "2405" => Json(await sp.GetRequiredService<CancelDischargeHandler>().HandleAsync(caller, new CancelDischarge(Required(data, "mdtrt_id", "就诊 ID")), ct)),
                "2501" => FilingOutput(await sp.GetRequiredService<FileOutOfAreaHandler>().HandleAsync(await FilingAsync(data, caller, sp, ct), caller, ct)),
                "2502" => FilingOutput(await sp.GetRequiredService<CancelOutOfAreaFilingHandler>().HandleAsync(
                    new CancelOutOfAreaFiling(Str(data, "trt_dcla_detl_sn") ?? Required(data, "fil_no", "备案号"), Str(data, "memo") ?? ""), caller, ct)),
                "2601" => Json(await sp.GetRequiredService<ReverseTransactionHandler>().HandleAsync(caller,
                    new ReverseTransaction(Required(data, "omsgid", "原报文 ID"), Str(data, "oinfno"), Str(data, "psn_no")), ct)),
                _ => throw new InvalidOperationException("未映射的写交易 " + infno),
            };
        }
        catch (Failure f)
        {
            return AppResult<string>.Fail(f.Error);
        }
    }

    private static async Task<AppResult<string>> ReadAsync(string infno, JsonElement input, InstitutionCaller caller, IServiceProvider sp, TimeProvider clock, CancellationToken ct)
    {
        var data = Data(input);
        var today = DateOnly.FromDateTime(ChinaTime(clock.GetUtcNow()));
        return infno switch
        {
            "1101" => Json(await sp.GetRequiredService<GetEligibilityHandler>().HandleAsync(
                new GetEligibility(Str(data, "psn_no") ?? Required(data, "mdtrt_cert_no", "就诊凭证编号"), DateOf(data, "begntime")), ct)),
            "2001" => Json(await sp.GetRequiredService<CheckTreatmentHandler>().HandleAsync(
                new CheckTreatment(Required(data, "psn_no", "人员编号"), Required(data, "insutype", "险种"), DateOf(data, "begntime") ?? today), ct)),
            "2206" => Json(await sp.GetRequiredService<SettleOutpatientHandler>().HandleAsync(caller, Settle(data, preSettle: true), ct)),
            "2303" => Json(await sp.GetRequiredService<SettleInpatientHandler>().HandleAsync(caller, SettleIpt(data, preSettle: true), ct)),
            "3201" => Json(await sp.GetRequiredService<ReconcileTotalsHandler>().HandleAsync(caller, Totals(data), ct)),
            "3202" => Json(await sp.GetRequiredService<ReconcileDetailsHandler>().HandleAsync(caller, Deserialize<ReconcileDetails>(data, "data"), ct)),
            "5206" => Json(await sp.GetRequiredService<GetAccumulatorsHandler>().HandleAsync(new GetAccumulators(Required(data, "psn_no", "人员编号"), Year(data, today)), ct)),
            _ => throw new InvalidOperationException("未映射的查询交易 " + infno),
        };
    }

    private static AppResult<string> Json<T>(AppResult<T> r) =>
        r.Succeeded ? AppResult<string>.Ok(JsonSerializer.Serialize(r.Value)) : AppResult<string>.Fail(r.Errors);

    /// <summary>2501/2502 answer the filing with its national serial number <c>trt_dcla_detl_sn</c> (= <c>fil_no</c>).</summary>
    private static AppResult<string> FilingOutput(AppResult<FilingView> r)
    {
        if (!r.Succeeded)
        {
            return AppResult<string>.Fail(r.Errors);
        }

        var node = JsonSerializer.SerializeToNode(r.Value)!.AsObject();
        node["trt_dcla_detl_sn"] = r.Value!.FilingNo;
        return AppResult<string>.Ok(node.ToJsonString());
    }

    /// <summary>
    /// 2501 异地就医备案: the fields of <see cref="FileOutOfArea"/> under <c>input.data</c>. The national 2501 is the 转院备案, so
    /// <c>fil_type</c> defaults to 3 (转诊转院) and the 转出医疗机构 to the calling institution; <c>refl_rea</c> is accepted for
    /// <c>refl_reason</c>.
    /// </summary>
    private static async Task<FileOutOfArea> FilingAsync(JsonElement data, InstitutionCaller caller, IServiceProvider sp, CancellationToken ct)
    {
        var f = Deserialize<FileOutOfArea>(data, "data");
        var type = string.IsNullOrEmpty(f.FilingType) ? "3" : f.FilingType;
        var referring = f.ReferringInstitution;
        if (string.IsNullOrWhiteSpace(referring) && type == "3")
        {
            referring = await sp.GetRequiredService<IAppDbContext>().Institutions.AsNoTracking()
                .Where(i => i.Id == caller.InstitutionId).Select(i => i.Name).FirstOrDefaultAsync(ct);
        }

        return f with
        {
            PsnNo = f.PsnNo ?? "", Insutype = f.Insutype ?? "", FilingType = type, DestinationCode = f.DestinationCode ?? "",
            DestinationName = f.DestinationName ?? "", Reason = f.Reason ?? Str(data, "refl_rea") ?? "", ReferringInstitution = referring,
        };
    }

    /// <summary>National inputs carry their fields under <c>input.data</c>; a flat <c>input</c> is accepted too.</summary>
    private static JsonElement Data(JsonElement input) =>
        input.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : input;

    private static RegisterOutpatient Register(JsonElement data)
    {
        var r = Deserialize<RegisterOutpatient>(data, "data");
        return r with { MedType = string.IsNullOrEmpty(r.MedType) ? "11" : r.MedType, PsnNo = r.PsnNo ?? "", Insutype = r.Insutype ?? "" };
    }

    private static UploadFeeDetails Upload(JsonElement input)
    {
        if (!input.TryGetProperty("feedetail", out var arr) || arr.ValueKind != JsonValueKind.Array || arr.GetArrayLength() == 0)
        {
            throw Fail(SettlementErrors.Validation, "费用明细 feedetail：不能为空，须为数组", "feedetail");
        }

        var ids = arr.EnumerateArray().Select(x => Str(x, "mdtrt_id")).Append(Str(input, "mdtrt_id")).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count != 1)
        {
            throw Fail(SettlementErrors.Validation, ids.Count == 0 ? "就诊 ID mdtrt_id：费用明细须注明就诊 ID" : "就诊 ID mdtrt_id：一次上传的明细须属于同一就诊", "mdtrt_id");
        }

        return new UploadFeeDetails(ids[0], Deserialize<List<FeeDetailInput>>(arr, "feedetail"));
    }

    private static CancelFeeDetails CancelLines(JsonElement data)
    {
        var sn = Str(data, "feedetl_sn");
        var batch = Str(data, "chrg_bchno");
        return new CancelFeeDetails(Required(data, "mdtrt_id", "就诊 ID"), sn ?? (batch is null or "0000" ? null : batch));
    }

    private static SettleOutpatient Settle(JsonElement data, bool preSettle)
    {
        var mdtrt = Required(data, "mdtrt_id", "就诊 ID");
        var total = Deserialize<decimal?>(data.TryGetProperty("medfee_sumamt", out var t) ? t : default, "medfee_sumamt")
            ?? throw Fail(SettlementErrors.Validation, "医疗费总额 medfee_sumamt：不能为空", "medfee_sumamt");
        return new SettleOutpatient(mdtrt, total, Str(data, "acct_used_flag") ?? "0", preSettle);
    }

    private static SettleInpatient SettleIpt(JsonElement data, bool preSettle)
    {
        var s = Settle(data, preSettle);
        return new SettleInpatient(s.MdtrtId, s.MedfeeSumamt, s.AcctUsedFlag, Str(data, "mid_setl_flag") ?? "0", preSettle);
    }

    /// <summary>2401: fields under <c>input.mdtrtinfo</c> (national) or <c>input.data</c>/<c>input</c>.</summary>
    private static AdmitInpatient Admit(JsonElement input)
    {
        var info = input.TryGetProperty("mdtrtinfo", out var m) && m.ValueKind == JsonValueKind.Object ? m : Data(input);
        var r = Deserialize<AdmitInpatient>(info, "mdtrtinfo");
        return r with
        {
            PsnNo = r.PsnNo ?? "", Insutype = r.Insutype ?? "", IptOtpNo = r.IptOtpNo ?? "", AdmDeptCodg = r.AdmDeptCodg ?? "",
            DiseCodg = r.DiseCodg ?? Str(info, "adm_diag_dscr") ?? "", MedType = string.IsNullOrEmpty(r.MedType) ? "21" : r.MedType,
        };
    }

    /// <summary>2402: fields under <c>input.dscginfo</c> (national) or <c>input.data</c>/<c>input</c>.</summary>
    private static DischargeInpatient Discharge(JsonElement input)
    {
        var info = input.TryGetProperty("dscginfo", out var d) && d.ValueKind == JsonValueKind.Object ? d : Data(input);
        var r = Deserialize<DischargeInpatient>(info, "dscginfo");
        return r with { MdtrtId = Required(info, "mdtrt_id", "就诊 ID"), DscgMaindiagCode = r.DscgMaindiagCode ?? Str(info, "dise_codg") ?? "" };
    }

    private static ReconcileTotals Totals(JsonElement data)
    {
        var begin = DateOf(data, "stmt_begndate") ?? throw Fail(SettlementErrors.Validation, "对账开始日期 stmt_begndate：不能为空", "stmt_begndate");
        var end = DateOf(data, "stmt_enddate") ?? throw Fail(SettlementErrors.Validation, "对账结束日期 stmt_enddate：不能为空", "stmt_enddate");
        var group = Deserialize<TotalsInput>(data, "data");
        return new ReconcileTotals(begin, end, [group with { Insutype = group.Insutype ?? "", ClrType = group.ClrType ?? "" }]);
    }

    private static int Year(JsonElement data, DateOnly today)
    {
        var ym = Str(data, "cum_ym") ?? Str(data, "year");
        return ym is { Length: >= 4 } && int.TryParse(ym.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : today.Year;
    }

    private static T Deserialize<T>(JsonElement e, string field)
    {
        try
        {
            return e.ValueKind == JsonValueKind.Undefined ? default! : e.Deserialize<T>(InputJson) ?? throw Fail("malformed-json", $"{field}：不能为空", field);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? field : field + ex.Path.TrimStart('$');
            throw Fail("malformed-json", $"交易输入 {path}：字段类型不符或格式错误", path);
        }
    }

    private static DateOnly? DateOf(JsonElement data, string name)
    {
        var s = Str(data, name);
        if (s is null)
        {
            return null;
        }

        return NationalDateConverter.TryParse(s, out var d) ? d : throw Fail("invalid-date", $"{name}：“{s}”不是有效日期，格式应为 yyyy-MM-dd 或 yyyy-MM-dd HH:mm:ss", name);
    }

    private static string Required(JsonElement data, string name, string label) =>
        Str(data, name) is { Length: > 0 } v ? v : throw Fail(SettlementErrors.Validation, $"{label} {name}：不能为空", name);

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;

    private static Failure Fail(string code, string message, string field) => new(new AppError(code, message, field));

    /// <summary>Dates as the national interface writes them: <c>yyyy-MM-dd</c> or <c>yyyy-MM-dd HH:mm:ss</c> (the date part is kept).</summary>
    private sealed class NationalDateConverter : JsonConverter<DateOnly>
    {
        public static bool TryParse(string s, out DateOnly d) =>
            DateOnly.TryParseExact(s.Length > 10 ? s[..10] : s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d);

        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && TryParse(reader.GetString()!, out var d) ? d : throw new JsonException("日期格式应为 yyyy-MM-dd");

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
