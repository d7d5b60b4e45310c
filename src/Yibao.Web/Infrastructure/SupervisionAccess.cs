using System.Globalization;
using System.Security.Claims;
using Yibao.Application.Common;
using Yibao.Domain.Admin;

namespace Yibao.Web.Infrastructure;

/// <summary>基金监管 screens: 稽核员 writes (inspections, cases, complaints, policy); 财务 records 到账 and pays 举报奖励; 局领导 reads.</summary>
public static class SupervisionAccess
{
    public static readonly string[] ReadRoles = [Roles.Auditor, Roles.Leader, Roles.Finance];

    public static bool CanWrite(ClaimsPrincipal user) => user.IsInRole(Roles.Auditor);

    public static bool CanPay(ClaimsPrincipal user) => user.IsInRole(Roles.Finance);

    /// <summary>Parses a yyyy-MM-dd form field; adds "label：须为 yyyy-MM-dd 格式的日期" on failure.</summary>
    public static DateOnly? Date(string? text, string label, List<AppError> errors, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(new AppError("validation-failed", $"{label}：不能为空"));
            }

            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        errors.Add(new AppError("validation-failed", $"{label}：须为 yyyy-MM-dd 格式的日期"));
        return null;
    }

    /// <summary>Parses a decimal form field (元 or 倍); empty = <paramref name="empty"/>.</summary>
    public static decimal? Number(string? text, string label, List<AppError> errors, decimal? empty = 0m)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return empty;
        }

        if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        errors.Add(new AppError("validation-failed", $"{label}：须为数字"));
        return null;
    }
}
