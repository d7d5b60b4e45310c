using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Yibao.Application.Common;
using Yibao.Application.Contributions;
using Yibao.Application.Registry;
using Yibao.Domain.Common;
using Yibao.Domain.Contributions;
using Yibao.Domain.Registry;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Contributions;

/// <summary>居民医保筹资标准 per 统筹区 and year: 个人缴费, 财政补助, 集中征缴期, 代缴 per special status (经办员、系统管理员 edit; 财务 reads).</summary>
public sealed class ResidentPoliciesModel(ListResidentContributionPoliciesHandler list, SaveResidentContributionPolicyHandler save, TimeProvider clock) : ContributionPageModel
{
    /// <summary>Special statuses that may have a 代缴 amount, in the order of the form.</summary>
    public static readonly IReadOnlyList<SpecialStatusType> SponsoredStatuses = Enum.GetValues<SpecialStatusType>();

    public IReadOnlyList<ResidentContributionPolicy> Items { get; private set; } = [];

    public bool CanEdit => ContributionAccess.CanEditPolicy(User);

    /// <summary>True when the form holds a year that is not stored yet (新年度).</summary>
    public bool IsNew { get; private set; } = true;

    [BindProperty] public string? PoolAreaCode { get; set; }
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public string? IndividualAmount { get; set; }
    [BindProperty] public string? SubsidyAmount { get; set; }
    [BindProperty] public DateOnly? CollectionFrom { get; set; }
    [BindProperty] public DateOnly? CollectionTo { get; set; }

    /// <summary>代缴金额 by status code (blank = no 代缴).</summary>
    [BindProperty] public Dictionary<string, string?> Sponsored { get; set; } = new(StringComparer.Ordinal);

    public async Task OnGetAsync(string? area, int? year, bool next = false, CancellationToken ct = default)
    {
        Items = await list.HandleAsync(ct);
        var current = Items.FirstOrDefault(p => p.PoolAreaCode == area && p.Year == year);
        if (current is not null)
        {
            Fill(current, next ? 1 : 0);
            IsNew = next && !Items.Any(p => p.PoolAreaCode == area && p.Year == year + 1);
            if (next && !IsNew)
            {
                Fill(Items.First(p => p.PoolAreaCode == area && p.Year == year + 1), 0);
            }
        }
        else
        {
            var latest = Items.Count > 0 ? Items[0] : null;
            Year = clock.TodayInChina().Year + 1;
            PoolAreaCode = latest?.PoolAreaCode;
        }
    }

    private void Fill(ResidentContributionPolicy p, int addYears)
    {
        PoolAreaCode = p.PoolAreaCode;
        Year = p.Year + addYears;
        IndividualAmount = FormatAmount(p.IndividualAmount);
        SubsidyAmount = FormatAmount(p.SubsidyAmount);
        CollectionFrom = p.CollectionFrom.AddYears(addYears);
        CollectionTo = p.CollectionTo.AddYears(addYears);
        Sponsored = p.Sponsored.ToDictionary(s => RegistryLookups.Code(s.Status), s => (string?)FormatAmount(s.Amount), StringComparer.Ordinal);
        IsNew = addYears > 0;
    }

    public static string FormatAmount(decimal v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    public string? SponsoredText(SpecialStatusType s) => Sponsored.TryGetValue(RegistryLookups.Code(s), out var v) ? v : null;

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        await ExcelFile.CreateAsync((await list.HandleAsync(ct)).Select(p => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["统筹区"] = p.PoolAreaCode, ["年度"] = p.Year, ["个人缴费（元）"] = p.IndividualAmount, ["财政补助（元）"] = p.SubsidyAmount,
            ["集中征缴期起"] = p.CollectionFrom, ["集中征缴期止"] = p.CollectionTo,
            ["医疗救助代缴"] = string.Join("；", p.Sponsored.OrderBy(s => s.Status).Select(s => RegistryNames.Of(s.Status) + " " + Money.FormatYuan(s.Amount) + " 元")),
        }).ToList(), "居民筹资标准", "居民医保筹资标准", clock, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var errors = new List<AppError>();
        decimal? Amount(string? text, string label, string field, bool required)
        {
            var t = (text ?? "").Trim().Replace(",", "", StringComparison.Ordinal);
            if (t.Length == 0)
            {
                if (required)
                {
                    errors.Add(new AppError("required", $"{label}：请填写金额（元）", field));
                }

                return null;
            }

            if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            {
                errors.Add(new AppError("not-a-number", $"{label}：“{t}”不是数字", field));
                return null;
            }

            return v;
        }

        if (Year is null)
        {
            errors.Add(new AppError("required", "缴费年度：请填写年份", "year"));
        }

        var individual = Amount(IndividualAmount, "个人缴费", "individual_amount", true);
        var subsidy = Amount(SubsidyAmount, "财政补助", "subsidy_amount", true);
        if (CollectionFrom is null)
        {
            errors.Add(new AppError("date-required", "集中征缴期开始：请填写有效日期（如 2026-09-01）", "collection_from"));
        }

        if (CollectionTo is null)
        {
            errors.Add(new AppError("date-required", "集中征缴期结束：请填写有效日期（如 2026-12-31）", "collection_to"));
        }

        var sponsored = new List<SponsoredContribution>();
        foreach (var s in SponsoredStatuses)
        {
            if (Amount(SponsoredText(s), $"代缴金额（{RegistryNames.Of(s)}）", "sponsored", false) is { } v)
            {
                sponsored.Add(new SponsoredContribution(s, v));
            }
        }

        if (errors.Count == 0)
        {
            var result = await save.HandleAsync(new SaveResidentContributionPolicy((PoolAreaCode ?? "").Trim(), Year!.Value, individual!.Value, subsidy!.Value,
                CollectionFrom!.Value, CollectionTo!.Value, sponsored), ct);
            if (result.Succeeded)
            {
                TempData["Message"] = string.Create(CultureInfo.InvariantCulture, $"已保存 {PoolAreaCode} {Year} 年度居民医保筹资标准。");
                return RedirectToPage(new { area = PoolAreaCode, year = Year });
            }

            errors.AddRange(result.Errors);
        }

        Errors = errors;
        Items = await list.HandleAsync(ct);
        IsNew = !Items.Any(p => p.PoolAreaCode == PoolAreaCode && p.Year == Year);
        return Page();
    }
}
