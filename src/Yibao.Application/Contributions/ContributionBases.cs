using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Contributions;
using Yibao.Domain.Registry;

namespace Yibao.Application.Contributions;

/// <summary>How a base outside floor/ceiling is treated: refused (申报审核), or moved to the floor/ceiling (核定).</summary>
public enum BaseCheckMode
{
    /// <summary>超出上下限的申报被拒绝.</summary>
    Refuse = 1,
    /// <summary>核定：低于下限按下限、高于上限按上限.</summary>
    Clamp = 2,
}

/// <summary>缴费基数申报 of one employee (employer by 单位编号 or 统一社会信用代码, person by 证件号码 or 人员编号).</summary>
public sealed record DeclareContributionBase(string Employer, string Person, int Year, decimal DeclaredBase, BaseCheckMode Mode);

/// <summary>缴费基数批量申报 from an Excel/CSV file (header first; docs/formats/contribution-base-import.md).</summary>
public sealed record ImportContributionBases(string FileName, IReadOnlyList<IReadOnlyList<string>> Records, BaseCheckMode Mode);

public sealed record BaseImportSummary(string FileName, int Rows, int Added, int Replaced, int Adjusted);

public sealed record BaseImportOutcome(BaseImportSummary? Summary, IReadOnlyList<ImportRowError> Errors)
{
    public bool Succeeded => Summary is not null && Errors.Count == 0;
}

public sealed class DeclareContributionBaseValidator : AbstractValidator<DeclareContributionBase>
{
    public DeclareContributionBaseValidator()
    {
        RuleFor(x => x.Employer).NotEmpty().WithMessage("参保单位：请填写单位编号或统一社会信用代码").OverridePropertyName("emp_no");
        RuleFor(x => x.Person).NotEmpty().WithMessage("人员：请填写证件号码或人员编号").OverridePropertyName("psn_no");
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("缴费年度：须在 2000–2100 之间").OverridePropertyName("year");
        RuleFor(x => x.DeclaredBase).GreaterThan(0).WithMessage("申报基数：须大于 0").OverridePropertyName("clct_base");
        RuleFor(x => x.DeclaredBase).Must(v => decimal.Round(v, 2) == v).WithMessage("申报基数：须精确到分").OverridePropertyName("clct_base");
        RuleFor(x => x.Mode).IsInEnum().WithMessage("核定方式：须为 拒绝 或 核定").OverridePropertyName("mode");
    }
}

/// <summary>Shared checks of 缴费基数申报: policy, employer, the person's 310 enrollment with the employer in the year, floor/ceiling.</summary>
internal sealed class BaseDeclarationRules(IAppDbContext db)
{
    private readonly Dictionary<(string, int), EmployeeContributionPolicy?> _policies = [];

    public static async Task<Employer?> FindEmployerAsync(IAppDbContext db, string key, CancellationToken ct)
    {
        var k = key.Trim();
        if (CreditCode.TryParse(k, out var code))
        {
            return await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == code, ct);
        }

        return await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.EmployerNo == k, ct);
    }

    public async Task<EmployeeContributionPolicy?> PolicyAsync(string poolArea, int year, CancellationToken ct)
    {
        if (!_policies.TryGetValue((poolArea, year), out var p))
        {
            p = await db.EmployeeContributionPolicies.AsNoTracking().FirstOrDefaultAsync(x => x.PoolAreaCode == poolArea && x.Year == year, ct);
            _policies[(poolArea, year)] = p;
        }

        return p;
    }

    /// <summary>The approved base, or the error (field, message).</summary>
    public static (decimal? Approved, string? Error) Approve(EmployeeContributionPolicy policy, decimal declared, BaseCheckMode mode)
    {
        if (mode == BaseCheckMode.Clamp)
        {
            return (policy.ClampBase(declared), null);
        }

        try
        {
            return (policy.CheckBase(declared), null);
        }
        catch (DomainException ex)
        {
            return (null, ex.Message);
        }
    }

    public static string NotEnrolled(string name, string employer, int year) =>
        $"证件号码：{name} 在 {year} 年没有在单位“{employer}”参加职工基本医疗保险（310），请先办理参保登记";
}

public sealed class DeclareContributionBaseHandler(IAppDbContext db, TimeProvider clock)
{
    private static readonly DeclareContributionBaseValidator Validator = new();

    public async Task<AppResult<long>> HandleAsync(DeclareContributionBase command, CancellationToken ct = default)
    {
        var validation = await Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return AppResult<long>.Fail(validation.ToAppErrors());
        }

        var employer = await BaseDeclarationRules.FindEmployerAsync(db, command.Employer, ct);
        if (employer is null)
        {
            return AppResult<long>.Fail(new AppError("unknown-employer", $"参保单位：“{command.Employer.Trim()}”不是已登记的单位编号或统一社会信用代码", "emp_no"));
        }

        var person = await db.FindPersonAsync(command.Person, ct);
        if (person is null)
        {
            return AppResult<long>.Fail(RegistryLookups.PersonNotFound(command.Person));
        }

        var rules = new BaseDeclarationRules(db);
        var policy = await rules.PolicyAsync(employer.PoolAreaCode, command.Year, ct);
        if (policy is null)
        {
            return AppResult<long>.Fail(new AppError("policy-missing", $"缴费年度：统筹区 {employer.PoolAreaCode} 未设置 {command.Year} 年度职工医保缴费标准", "year"));
        }

        if (!await IsEnrolledAsync(db, person.Id, employer.Id, command.Year, ct))
        {
            return AppResult<long>.Fail(new AppError("not-enrolled", BaseDeclarationRules.NotEnrolled(person.Name, employer.Name, command.Year), "certno"));
        }

        var (approved, error) = BaseDeclarationRules.Approve(policy, command.DeclaredBase, command.Mode);
        if (approved is null)
        {
            return AppResult<long>.Fail(new AppError("base-out-of-range", error!, "clct_base"));
        }

        var row = await db.ContributionBases.FirstOrDefaultAsync(b => b.EmployerId == employer.Id && b.PersonId == person.Id && b.Year == command.Year, ct);
        if (row is null)
        {
            row = new ContributionBase { EmployerId = employer.Id, PersonId = person.Id, PoolAreaCode = employer.PoolAreaCode, Year = command.Year };
            db.ContributionBases.Add(row);
        }

        row.DeclaredBase = command.DeclaredBase;
        row.ApprovedBase = approved.Value;
        row.DeclaredOn = clock.TodayInChina();
        await db.SaveChangesAsync(ct);
        return AppResult<long>.Ok(row.Id);
    }

    internal static Task<bool> IsEnrolledAsync(IAppDbContext db, long personId, long employerId, int year, CancellationToken ct)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return db.Enrollments.AnyAsync(e => e.PersonId == personId && e.EmployerId == employerId && e.InsuranceType == InsuranceType.EmployeeBasic
            && e.BeginDate <= last && (e.EndDate == null || e.EndDate >= first), ct);
    }
}

/// <summary>
/// 缴费基数批量申报: columns 单位编号（或统一社会信用代码）、证件号码、缴费年度、申报基数. All-or-nothing: any row error
/// (unknown employer or person, person not in 310 with that employer that year, missing policy, non-numeric or
/// out-of-range base in 拒绝 mode, the same person twice) means nothing is saved.
/// </summary>
public sealed class ImportContributionBasesHandler(IAppDbContext db, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Columns = ["单位编号", "证件号码", "缴费年度", "申报基数"];
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public async Task<BaseImportOutcome> HandleAsync(ImportContributionBases command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var errors = new List<ImportRowError>();
        if (command.Records.Count == 0)
        {
            return new BaseImportOutcome(null, [new ImportRowError(1, "文件", "文件为空：第 1 行须为列名（单位编号、证件号码、缴费年度、申报基数）")]);
        }

        var header = command.Records[0].Select(h => h.Trim()).ToList();
        int Col(params string[] names) => header.FindIndex(h => names.Contains(h, StringComparer.Ordinal));
        var cEmp = Col("单位编号", "统一社会信用代码");
        var cId = Col("证件号码", "公民身份号码", "身份证号");
        var cYear = Col("缴费年度", "年度");
        var cBase = Col("申报基数", "缴费基数");
        foreach (var (idx, name) in new[] { (cEmp, "单位编号"), (cId, "证件号码"), (cYear, "缴费年度"), (cBase, "申报基数") })
        {
            if (idx < 0)
            {
                errors.Add(new ImportRowError(1, name, $"缺少列“{name}”（第 1 行须为列名：单位编号、证件号码、缴费年度、申报基数）"));
            }
        }

        if (errors.Count > 0)
        {
            return new BaseImportOutcome(null, errors);
        }

        var rows = command.Records.Skip(1).Select((r, i) => (Row: i + 2, Cells: r))
            .Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (rows.Count == 0)
        {
            return new BaseImportOutcome(null, [new ImportRowError(2, "文件", "没有数据行")]);
        }

        static string Cell(IReadOnlyList<string> r, int i) => i < r.Count ? r[i].Trim() : "";

        // Look-ups once for the file.
        var employerKeys = rows.Select(r => Cell(r.Cells, cEmp)).Where(k => k.Length > 0).ToHashSet(StringComparer.Ordinal);
        var employers = (await db.Employers.AsNoTracking().ToListAsync(ct))
            .SelectMany(e => new[] { (Key: e.EmployerNo, E: e), (Key: e.CreditCode.Value, E: e) })
            .Where(x => employerKeys.Contains(x.Key)).GroupBy(x => x.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().E, StringComparer.Ordinal);
        var ids = rows.Select(r => Cell(r.Cells, cId)).Where(x => ResidentId.TryParse(x, out _)).Select(x => ResidentId.Parse(x)).ToHashSet();
        var persons = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.ResidentId)).Select(p => new { p.Id, p.ResidentId, p.Name }).ToListAsync(ct);
        var personByCert = persons.ToDictionary(p => p.ResidentId.Value, StringComparer.Ordinal);
        var personIds = persons.Select(p => p.Id).ToList();
        var enrollments = await db.Enrollments.AsNoTracking()
            .Where(e => personIds.Contains(e.PersonId) && e.InsuranceType == InsuranceType.EmployeeBasic && e.EmployerId != null)
            .Select(e => new { e.PersonId, e.EmployerId, e.BeginDate, e.EndDate }).ToListAsync(ct);
        var rules = new BaseDeclarationRules(db);
        var existing = await db.ContributionBases.Where(b => personIds.Contains(b.PersonId)).ToListAsync(ct);

        var seen = new Dictionary<(long, long, int), int>();
        var accepted = new List<(Employer Employer, long PersonId, int Year, decimal Declared, decimal Approved)>();
        foreach (var (rowNo, cells) in rows)
        {
            var rowErrors = errors.Count;
            var empKey = Cell(cells, cEmp);
            employers.TryGetValue(empKey, out var employer);
            if (empKey.Length == 0)
            {
                errors.Add(new ImportRowError(rowNo, "单位编号", "不能为空"));
            }
            else if (employer is null)
            {
                errors.Add(new ImportRowError(rowNo, "单位编号", $"“{empKey}”不是已登记的单位编号或统一社会信用代码"));
            }

            var cert = Cell(cells, cId);
            (long Id, string Name)? person = null;
            if (!ResidentId.TryParse(cert, out _))
            {
                errors.Add(new ImportRowError(rowNo, "证件号码", cert.Length == 0 ? "不能为空" : $"“{cert}”不是有效的公民身份号码（校验位或出生日期错误）"));
            }
            else if (!personByCert.TryGetValue(ResidentId.Parse(cert).Value, out var p))
            {
                errors.Add(new ImportRowError(rowNo, "证件号码", $"{Masking.ResidentId(cert)} 未办理参保登记"));
            }
            else
            {
                person = (p.Id, p.Name);
            }

            var yearText = Cell(cells, cYear);
            var yearOk = int.TryParse(yearText, NumberStyles.None, Inv, out var year) && year is >= 2000 and <= 2100;
            if (!yearOk)
            {
                errors.Add(new ImportRowError(rowNo, "缴费年度", $"“{yearText}”不是 2000–2100 之间的年份"));
            }

            var baseText = Cell(cells, cBase).Replace(",", "", StringComparison.Ordinal);
            var baseOk = decimal.TryParse(baseText, NumberStyles.Number, Inv, out var declared);
            if (!baseOk)
            {
                errors.Add(new ImportRowError(rowNo, "申报基数", baseText.Length == 0 ? "不能为空" : $"“{baseText}”不是数字"));
            }
            else if (declared <= 0)
            {
                errors.Add(new ImportRowError(rowNo, "申报基数", $"{declared.ToString(Inv)} 须大于 0"));
                baseOk = false;
            }
            else if (decimal.Round(declared, 2) != declared)
            {
                errors.Add(new ImportRowError(rowNo, "申报基数", $"{declared.ToString(Inv)} 须精确到分（最多两位小数）"));
                baseOk = false;
            }

            if (errors.Count > rowErrors || employer is null || person is null)
            {
                continue;
            }

            var (personId, personName) = person.Value;
            var first = new DateOnly(year, 1, 1);
            var last = new DateOnly(year, 12, 31);
            if (!enrollments.Any(e => e.PersonId == personId && e.EmployerId == employer.Id && e.BeginDate <= last && (e.EndDate == null || e.EndDate >= first)))
            {
                errors.Add(new ImportRowError(rowNo, "证件号码", BaseDeclarationRules.NotEnrolled(personName, employer.Name, year)["证件号码：".Length..]));
                continue;
            }

            if (seen.TryGetValue((employer.Id, personId, year), out var firstRow))
            {
                errors.Add(new ImportRowError(rowNo, "证件号码", $"与第 {firstRow} 行重复（同一单位、同一人、同一年度只能申报一次）"));
                continue;
            }

            seen[(employer.Id, personId, year)] = rowNo;
            var policy = await rules.PolicyAsync(employer.PoolAreaCode, year, ct);
            if (policy is null)
            {
                errors.Add(new ImportRowError(rowNo, "缴费年度", $"统筹区 {employer.PoolAreaCode} 未设置 {year} 年度职工医保缴费标准"));
                continue;
            }

            var (approved, error) = BaseDeclarationRules.Approve(policy, declared, command.Mode);
            if (approved is null)
            {
                errors.Add(new ImportRowError(rowNo, "申报基数", error!["缴费基数：".Length..]));
                continue;
            }

            accepted.Add((employer, personId, year, declared, approved.Value));
        }

        if (errors.Count > 0)
        {
            return new BaseImportOutcome(null, errors);
        }

        var today = clock.TodayInChina();
        int added = 0, replaced = 0, adjusted = 0;
        foreach (var a in accepted)
        {
            var row = existing.FirstOrDefault(b => b.EmployerId == a.Employer.Id && b.PersonId == a.PersonId && b.Year == a.Year);
            if (row is null)
            {
                row = new ContributionBase { EmployerId = a.Employer.Id, PersonId = a.PersonId, PoolAreaCode = a.Employer.PoolAreaCode, Year = a.Year };
                db.ContributionBases.Add(row);
                added++;
            }
            else
            {
                replaced++;
            }

            row.DeclaredBase = a.Declared;
            row.ApprovedBase = a.Approved;
            row.DeclaredOn = today;
            adjusted += a.Declared != a.Approved ? 1 : 0;
        }

        await db.SaveChangesAsync(ct);
        return new BaseImportOutcome(new BaseImportSummary(command.FileName, accepted.Count, added, replaced, adjusted), []);
    }
}
