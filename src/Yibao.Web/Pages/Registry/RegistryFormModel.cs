using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Common;
using Yibao.Application.Registry;

namespace Yibao.Web.Pages.Registry;

/// <summary>Base of the 参保登记 forms: 经办员 only, errors from the handlers shown in Chinese and on the named fields.</summary>
[Authorize(Policy = Yibao.Web.Policies.RegistryWrite)]
public abstract class RegistryFormModel(TimeProvider clock) : PageModel
{
    public IReadOnlyList<AppError> Errors { get; protected set; } = [];

    public DateOnly Today => clock.TodayInChina();

    public bool HasError(params string[] fields) =>
        Errors.Any(e => fields.Any(f => string.Equals(e.Field, f, StringComparison.OrdinalIgnoreCase)));

    public string Invalid(params string[] fields) => HasError(fields) ? "is-invalid" : string.Empty;

    /// <summary>A missing or unparsable date field as a Chinese error naming the field.</summary>
    protected static AppError DateRequired(string label, string field) => new("date-required", $"{label}：请填写有效日期（如 2025-01-01）", field);
}
