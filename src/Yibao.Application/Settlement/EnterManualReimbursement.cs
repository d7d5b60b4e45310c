using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.OutOfArea;
using Yibao.Application.Registry;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Registry;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlement;

/// <summary>One invoice line as entered: 医保目录编码 (optional: a line without a code, e.g. a category total, is 全自费 with the reason), name, quantity, price, amount.</summary>
public sealed record ManualLineInput(
    [property: JsonPropertyName("med_list_codg")] string? Code,
    [property: JsonPropertyName("medins_list_name")] string Name,
    [property: JsonPropertyName("cnt")] decimal Cnt,
    [property: JsonPropertyName("pric")] decimal Pric,
    [property: JsonPropertyName("det_item_fee_sumamt")] decimal Amount);

/// <summary>
/// 手工报销录入: a 经办员 enters the bill (person, institution and its 区划, visit type, dates, diagnosis, invoice number, lines,
/// the person's bank account); the engine computes it with the explanation and the record is saved 待审核.
/// </summary>
public sealed record EnterManualReimbursement(
    string PsnNo,
    string Insutype,
    string MedType,
    string InstitutionName,
    string InstitutionAreaCode,
    int InstitutionLevel,
    DateOnly BeginDate,
    DateOnly EndDate,
    string? DiseCodg,
    string? DiseName,
    string? ChronicDisease,
    string InvoiceNo,
    decimal MedfeeSumamt,
    IReadOnlyList<ManualLineInput> Lines,
    string BankAccountName,
    string BankName,
    string BankAccountNo);

public sealed class EnterManualReimbursementValidator : AbstractValidator<EnterManualReimbursement>
{
    public const int MaxLines = 500;

    public EnterManualReimbursementValidator()
    {
        RuleFor(x => x.PsnNo).NotEmpty().WithMessage("人员：请填写人员编号或身份证号").OverridePropertyName("psn_no");
        RuleFor(x => x.Insutype).Must(RegistryLookups.IsInsuranceType).WithMessage(RegistryLookups.InsutypeMessage).OverridePropertyName("insutype");
        RuleFor(x => x.MedType).Must(m => m is "11" or "14" or "21").WithMessage("医疗类别 med_type：只能是 11（普通门诊）、14（门诊慢特病）或 21（住院）").OverridePropertyName("med_type");
        RuleFor(x => x.ChronicDisease).NotEmpty().When(x => x.MedType == "14").WithMessage("病种 chronic_dise：门诊慢特病须填写病种编码").OverridePropertyName("chronic_dise");
        RuleFor(x => x.InstitutionName).NotEmpty().WithMessage("就诊机构名称 fixmedins_name：不能为空")
            .MaximumLength(100).WithMessage("就诊机构名称 fixmedins_name：不能超过 100 个字符").OverridePropertyName("fixmedins_name");
        RuleFor(x => x.InstitutionAreaCode).Must(c => AdminDivisionCode.TryParse(c, out _))
            .WithMessage("就医地区划 mdtrtarea_admdvs：须为 6 位有效行政区划代码").OverridePropertyName("mdtrtarea_admdvs");
        RuleFor(x => x.InstitutionLevel).InclusiveBetween(0, 3).WithMessage("医疗机构等级 hosp_lv：只能是 0（未定级）、1、2 或 3 级").OverridePropertyName("hosp_lv");
        RuleFor(x => x.BeginDate).NotEqual(default(DateOnly)).WithMessage("开始日期 begntime：不能为空").OverridePropertyName("begntime");
        RuleFor(x => x.EndDate).Must((x, end) => end >= x.BeginDate).WithMessage("结束日期 endtime：不能早于开始日期").OverridePropertyName("endtime");
        RuleFor(x => x.EndDate).Must((x, end) => x.MedType == "21" || end == x.BeginDate).WithMessage("结束日期 endtime：门诊的结束日期须与开始日期相同").OverridePropertyName("endtime");
        RuleFor(x => x.DiseCodg).MaximumLength(200).WithMessage("诊断代码 dise_codg：不能超过 200 个字符").OverridePropertyName("dise_codg");
        RuleFor(x => x.DiseName).MaximumLength(200).WithMessage("诊断名称 dise_name：不能超过 200 个字符").OverridePropertyName("dise_name");
        RuleFor(x => x.InvoiceNo).NotEmpty().WithMessage("发票号 invoice_no：不能为空")
            .MaximumLength(50).WithMessage("发票号 invoice_no：不能超过 50 个字符").OverridePropertyName("invoice_no");
        RuleFor(x => x.MedfeeSumamt).Must(v => v > 0 && v <= 10_000_000m && decimal.Round(v, 2) == v)
            .WithMessage("医疗费总额 medfee_sumamt：须为大于 0、不超过 1000 万元、最多两位小数的金额").OverridePropertyName("medfee_sumamt");
        RuleFor(x => x.Lines).NotEmpty().WithMessage("费用明细：至少填写一行").OverridePropertyName("lines");
        RuleFor(x => x.Lines.Count).LessThanOrEqualTo(MaxLines).WithMessage($"费用明细：最多 {MaxLines} 行").OverridePropertyName("lines");
        RuleForEach(x => x.Lines).Custom((l, ctx) =>
        {
            var n = ctx.PropertyPath.Split('[', ']') is { Length: > 1 } parts && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var idx) ? idx + 1 : 0;
            if (string.IsNullOrWhiteSpace(l.Name) || l.Name.Length > 200)
            {
                ctx.AddFailure(new FluentValidation.Results.ValidationFailure("lines", $"费用明细第 {n} 行 项目名称：不能为空，且不能超过 200 个字符"));
            }

            if ((l.Code ?? "").Length > 50)
            {
                ctx.AddFailure(new FluentValidation.Results.ValidationFailure("lines", $"费用明细第 {n} 行 医保目录编码：不能超过 50 个字符"));
            }

            if (l.Cnt <= 0 || l.Cnt > 100_000m)
            {
                ctx.AddFailure(new FluentValidation.Results.ValidationFailure("lines", $"费用明细第 {n} 行 数量：须大于 0 且不超过 100000"));
            }

            if (l.Pric < 0 || l.Pric > 10_000_000m)
            {
                ctx.AddFailure(new FluentValidation.Results.ValidationFailure("lines", $"费用明细第 {n} 行 单价：须在 0 到 1000 万元之间"));
            }

            if (l.Amount != Money.RoundToFen(l.Cnt * l.Pric))
            {
                ctx.AddFailure(new FluentValidation.Results.ValidationFailure("lines", $"费用明细第 {n} 行 金额：{l.Amount:0.00} 元与数量 × 单价（{Money.RoundToFen(l.Cnt * l.Pric):0.00} 元）不一致"));
            }
        });
        RuleFor(x => x).Must(x => x.Lines.Sum(l => l.Amount) == x.MedfeeSumamt).When(x => x.Lines is { Count: > 0 })
            .WithMessage(x => $"医疗费总额 medfee_sumamt：{x.MedfeeSumamt:0.00} 元与明细合计 {x.Lines.Sum(l => l.Amount):0.00} 元不一致").OverridePropertyName("medfee_sumamt");
        RuleFor(x => x.BankAccountName).NotEmpty().WithMessage("收款户名：不能为空").MaximumLength(50).WithMessage("收款户名：不能超过 50 个字符").OverridePropertyName("bank_account_name");
        RuleFor(x => x.BankName).NotEmpty().WithMessage("开户银行：不能为空").MaximumLength(100).WithMessage("开户银行：不能超过 100 个字符").OverridePropertyName("bank_name");
        RuleFor(x => x.BankAccountNo).Must(a => a is not null && a.Trim().Length is >= 8 and <= 30 && a.Trim().All(char.IsAsciiDigit))
            .WithMessage("银行账号：须为 8–30 位数字").OverridePropertyName("bank_account_no");
    }
}

public sealed record ReimbursementErrors
{
    public const string NotFound = "reimbursement-not-found";
    public const string DuplicateInvoice = "duplicate-invoice";
    public const string NotPending = "reimbursement-not-pending";
    public const string SelfReview = "self-review";
}

public sealed class EnterManualReimbursementHandler(IAppDbContext db, ISettlementReferenceData reference, ICurrentUser user, TimeProvider clock)
{
    private static readonly EnterManualReimbursementValidator Validator = new();

    public async Task<AppResult<ManualReimbursement>> HandleAsync(EnterManualReimbursement command, CancellationToken ct = default)
    {
        static AppResult<ManualReimbursement> Fail(AppError e) => AppResult<ManualReimbursement>.Fail(e);
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<ManualReimbursement>.Fail(validation.ToAppErrors().Select(e => e with { Code = SettlementErrors.Validation }));
        }

        if (command.EndDate > clock.TodayInChina())
        {
            return Fail(new AppError(SettlementErrors.Validation, $"结束日期 endtime：{command.EndDate:yyyy-MM-dd} 晚于今天", "endtime"));
        }

        var person = await db.FindPersonAsync(command.PsnNo, ct);
        if (person is null)
        {
            return Fail(RegistryLookups.PersonNotFound(command.PsnNo));
        }

        var invoice = command.InvoiceNo.Trim();
        var duplicate = await db.ManualReimbursements.AsNoTracking()
            .Where(r => r.PersonId == person.Id && r.InvoiceNo == invoice && r.Status != ReimbursementStatus.Rejected && r.Status != ReimbursementStatus.Reversed)
            .Select(r => r.ReimbNo).FirstOrDefaultAsync(ct);
        if (duplicate is not null)
        {
            return Fail(new AppError(ReimbursementErrors.DuplicateInvoice, $"发票号 invoice_no：{person.Name}（{person.PersonNo}）的发票“{invoice}”已在报销单 {duplicate} 中报销或待审核，不能重复报销", "invoice_no"));
        }

        var r = new ManualReimbursement
        {
            ReimbNo = OnlineSettlement.NewId('R', clock),
            PersonId = person.Id,
            PsnNo = person.PersonNo,
            PsnName = person.Name,
            Insutype = command.Insutype,
            MedType = (VisitType)int.Parse(command.MedType, NumberStyles.None, CultureInfo.InvariantCulture),
            PoolAreaCode = person.PoolAreaCode,
            InstitutionName = command.InstitutionName.Trim(),
            InstitutionAreaCode = command.InstitutionAreaCode.Trim(),
            InstitutionLevel = command.InstitutionLevel,
            BeginDate = command.BeginDate,
            EndDate = command.EndDate,
            DiseCodg = Blank(command.DiseCodg),
            DiseName = Blank(command.DiseName),
            ChronicDisease = command.MedType == "14" ? Blank(command.ChronicDisease) : null,
            InvoiceNo = invoice,
            BankAccountName = command.BankAccountName.Trim(),
            BankName = command.BankName.Trim(),
            BankAccountNo = command.BankAccountNo.Trim(),
            InputLinesJson = JsonSerializer.Serialize(command.Lines.Select(l => l with { Code = Blank(l.Code), Name = l.Name.Trim() }).ToList(), OnlineSettlement.Json),
            LinesJson = "[]",
            ExplanationJson = "[]",
            PolicyVersionId = "",
            SchemeName = "",
            Year = command.BeginDate.Year,
            CreatedById = user.UserId ?? user.UserName,
            CreatedBy = user.UserName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var error = await ManualReimbursementEngine.ComputeAsync(db, reference, r, person, ct);
        if (error is not null)
        {
            return Fail(error);
        }

        db.ManualReimbursements.Add(r);
        await db.SaveChangesAsync(ct);
        return AppResult<ManualReimbursement>.Ok(r);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>Runs the settlement engine over a manual reimbursement with the person's current accumulators.</summary>
public static class ManualReimbursementEngine
{
    public static IReadOnlyList<ManualLineInput> InputLines(ManualReimbursement r) =>
        JsonSerializer.Deserialize<List<ManualLineInput>>(r.InputLinesJson, OnlineSettlement.Json) ?? [];

    /// <summary>Fills the national field set, lines, explanation, policy version, place and accumulators (before/after) of <paramref name="r"/>.</summary>
    public static async Task<AppError?> ComputeAsync(IAppDbContext db, ISettlementReferenceData reference, ManualReimbursement r, Person person, CancellationToken ct)
    {
        var (snap, covError) = await db.CoverageAsync(person, r.Insutype, r.BeginDate, ct);
        if (covError is not null)
        {
            return covError with { Field = "begntime", Message = "开始日期 begntime：" + covError.Message };
        }

        var policy = await reference.GetPolicyAsync(person.PoolAreaCode, r.Insutype, r.BeginDate, ct);
        var catalog = await reference.GetCatalogAsync(person.PoolAreaCode, r.BeginDate, ct);
        if (policy is null || catalog is null)
        {
            return new AppError(SettlementErrors.PolicyNotFound, $"待遇政策：参保地统筹区 {person.PoolAreaCode} 在 {r.BeginDate:yyyy-MM-dd} 没有生效的待遇政策参数或医保目录", "begntime");
        }

        var place = await db.ResolvePlaceAsync(person.Id, r.Insutype, person.PoolAreaCode, r.InstitutionAreaCode, r.BeginDate, ct);
        var accRow = await db.PersonAccumulators.AsNoTracking().FirstOrDefaultAsync(a => a.PersonId == person.Id && a.Year == r.Year, ct);
        var before = accRow is null ? new Dictionary<string, decimal>(StringComparer.Ordinal) : OnlineSettlement.ReadAccumulators(accRow.ValuesJson);
        var p = policy.Policy;
        var acc = new decimal[p.SlotCount];
        for (var i = 0; i < acc.Length; i++)
        {
            acc[i] = before.GetValueOrDefault(p.SlotNames[i]);
        }

        var snapshot = new PersonSnapshot
        {
            PsnNo = person.PersonNo, Name = person.Name, Insutypes = snap!.Insutypes, Category = snap.Category, Statuses = snap.Statuses,
            Age = snap.Age, Gender = person.Gender, AccountBalance = 0m, // reimbursed in cash to the bank account; 个人账户 not used
        };
        var encounter = new Encounter
        {
            Id = r.ReimbNo,
            VisitType = r.MedType,
            InstitutionLevel = (InstitutionLevel)r.InstitutionLevel,
            Place = place.Place,
            AdmissionDate = r.BeginDate,
            DischargeDate = r.EndDate,
            Diagnoses = (r.DiseCodg ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ChronicDisease = r.ChronicDisease,
        };
        var input = InputLines(r);
        var fee = input.Select(l => new FeeLine(l.Code ?? "", l.Cnt, l.Pric, l.Amount, r.BeginDate)).ToArray();
        var result = new SettlementCalculator(p, catalog).Calculate(snapshot, encounter, fee, acc);

        var after = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var i = 0; i < p.SlotCount; i++)
        {
            after[p.SlotNames[i]] = result.Accumulators[i];
        }

        foreach (var (k, v) in before)
        {
            after.TryAdd(k, v);
        }

        var explanation = new List<string>(result.StepCount + 1) { place.Explanation };
        for (var i = 0; i < result.StepCount; i++)
        {
            explanation.Add(ExplanationFormatter.Format(result.Steps[i]));
        }

        var lineJson = new List<Dictionary<string, object?>>(input.Count);
        for (var i = 0; i < input.Count; i++)
        {
            var l = result.Lines[i];
            lineJson.Add(new Dictionary<string, object?>
            {
                ["med_list_codg"] = input[i].Code,
                ["medins_list_name"] = input[i].Name,
                ["cnt"] = input[i].Cnt,
                ["pric"] = input[i].Pric,
                ["det_item_fee_sumamt"] = l.Amount,
                ["fulamt_ownpay_amt"] = l.FulamtOwnpay,
                ["overlmt_selfpay"] = l.Overlmt,
                ["preselfpay_amt"] = l.Preselfpay,
                ["inscp_scp_amt"] = l.Inscp,
                ["memo"] = l.Reason == LineReason.None ? null : ExplanationFormatter.Reason(l.Reason),
            });
        }

        r.SetFrom(result.Setl);
        r.Place = place.Place;
        r.FilingNo = place.FilingNo;
        r.PolicyVersionId = policy.VersionId;
        r.SchemeName = result.Scheme?.Def.Name ?? "无适用方案";
        r.ExplanationJson = JsonSerializer.Serialize(explanation, OnlineSettlement.Json);
        r.LinesJson = JsonSerializer.Serialize(lineJson, OnlineSettlement.Json);
        r.AccumulatorsBeforeJson = OnlineSettlement.WriteAccumulators(before);
        r.AccumulatorsAfterJson = OnlineSettlement.WriteAccumulators(after);
        return null;
    }
}
