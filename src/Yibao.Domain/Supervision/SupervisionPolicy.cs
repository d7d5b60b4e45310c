using System.Globalization;
using Yibao.Domain.Common;

namespace Yibao.Domain.Supervision;

/// <summary>举报奖励档次: the part of the 查实金额 up to <see cref="UpTo"/> (null = no upper bound) is rewarded at <see cref="Rate"/> (累进, like income-tax bands).</summary>
public sealed record RewardTier(decimal? UpTo, decimal Rate);

/// <summary>
/// 稽核政策参数 (editable, effective-dated): the 违约金 multiples a decision may use and the 举报奖励 tiers with floor and cap.
/// Defaults (<see cref="Default"/>): 违约金 1–5 倍 (默认 2 倍) of the 追回金额; 举报奖励 累进 6% up to 10 万元, 4% from 10 to 50 万元, 2% above,
/// at least 200 元 and at most 20 万元 (the floor and cap of the national 举报奖励办法, 2022).
/// </summary>
public class SupervisionPolicy
{
    public long Id { get; set; }

    /// <summary>生效日期: the policy in force on a date is the one with the latest EffectiveFrom on or before it.</summary>
    public DateOnly EffectiveFrom { get; set; }

    /// <summary>违约金最低倍数.</summary>
    public decimal PenaltyMultipleMin { get; set; }

    /// <summary>违约金最高倍数.</summary>
    public decimal PenaltyMultipleMax { get; set; }

    /// <summary>违约金默认倍数 (proposed on the decision form).</summary>
    public decimal PenaltyMultipleDefault { get; set; }

    /// <summary>举报奖励档次 as text, one tier a line: "上限金额 比例%" and a last line "以上 比例%" (see <see cref="ParseTiers"/>).</summary>
    public string RewardTiers { get; set; } = "";

    /// <summary>举报奖励最低金额 (元).</summary>
    public decimal RewardFloor { get; set; }

    /// <summary>举报奖励最高金额 (元).</summary>
    public decimal RewardCap { get; set; }

    public string? Memo { get; set; }

    public required string UpdatedBy { get; set; }

    public DateTime UpdatedAt { get; set; }

    public const string DefaultTiersText = "100000 6%\n500000 4%\n以上 2%";

    public static SupervisionPolicy Default(DateOnly from) => new()
    {
        EffectiveFrom = from,
        PenaltyMultipleMin = 1m,
        PenaltyMultipleMax = 5m,
        PenaltyMultipleDefault = 2m,
        RewardTiers = DefaultTiersText,
        RewardFloor = 200m,
        RewardCap = 200_000m,
        UpdatedBy = "默认",
        Memo = "系统默认参数",
    };

    public IReadOnlyList<RewardTier> Tiers => ParseTiers(RewardTiers, out _) ?? [];

    /// <summary>违约金 = 追回金额 × 倍数, rounded to 分; the multiple must lie within the policy's range.</summary>
    public decimal Penalty(decimal recovered, decimal multiple)
    {
        if (multiple < PenaltyMultipleMin || multiple > PenaltyMultipleMax)
        {
            throw new DomainException($"违约金倍数：须在 {PenaltyMultipleMin.ToString("0.##", CultureInfo.InvariantCulture)}–{PenaltyMultipleMax.ToString("0.##", CultureInfo.InvariantCulture)} 倍之间（稽核政策参数）")
            { Field = "penalty_multiple", Code = "penalty-multiple-out-of-range" };
        }

        return SupervisionMath.Penalty(recovered, multiple);
    }

    /// <summary>举报奖励 for a 查实金额 under this policy.</summary>
    public decimal Reward(decimal verifiedAmount) => SupervisionMath.Reward(verifiedAmount, Tiers, RewardFloor, RewardCap);

    /// <summary>Chinese errors of the policy's own consistency (empty = valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (PenaltyMultipleMin <= 0)
        {
            errors.Add("违约金最低倍数：须大于 0");
        }

        if (PenaltyMultipleMax < PenaltyMultipleMin)
        {
            errors.Add("违约金最高倍数：不能小于最低倍数");
        }

        if (PenaltyMultipleDefault < PenaltyMultipleMin || PenaltyMultipleDefault > PenaltyMultipleMax)
        {
            errors.Add("违约金默认倍数：须在最低倍数与最高倍数之间");
        }

        if (RewardFloor < 0)
        {
            errors.Add("举报奖励最低金额：不能为负数");
        }

        if (RewardCap < RewardFloor)
        {
            errors.Add("举报奖励最高金额：不能小于最低金额");
        }

        if (ParseTiers(RewardTiers, out var tierError) is null)
        {
            errors.Add(tierError!);
        }

        return errors;
    }

    /// <summary>
    /// Parses tier text: each line "上限金额 比例%" with strictly increasing 上限 (元), the last line "以上 比例%" (no upper bound).
    /// Returns null with a Chinese error when the text is not valid.
    /// </summary>
    public static IReadOnlyList<RewardTier>? ParseTiers(string? text, out string? error)
    {
        error = null;
        var lines = (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            error = "举报奖励档次：至少需要一档（最后一行写“以上 比例%”）";
            return null;
        }

        var tiers = new List<RewardTier>();
        decimal previous = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split([' ', '\t', '，', ','], StringSplitOptions.RemoveEmptyEntries);
            var rateText = parts.Length == 2 ? parts[1].TrimEnd('%', '％') : "";
            if (parts.Length != 2 || !decimal.TryParse(rateText, NumberStyles.Number, CultureInfo.InvariantCulture, out var percent) || percent < 0 || percent > 100)
            {
                error = $"举报奖励档次第 {i + 1} 行：须为“上限金额 比例%”，比例在 0–100 之间";
                return null;
            }

            var last = i == lines.Length - 1;
            if (parts[0] == "以上")
            {
                if (!last)
                {
                    error = $"举报奖励档次第 {i + 1} 行：“以上”只能是最后一档";
                    return null;
                }

                tiers.Add(new RewardTier(null, percent / 100m));
                continue;
            }

            if (!decimal.TryParse(parts[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var upTo) || upTo <= previous)
            {
                error = $"举报奖励档次第 {i + 1} 行：上限金额须为数字且大于上一档的上限";
                return null;
            }

            if (last)
            {
                error = $"举报奖励档次第 {i + 1} 行：最后一档须写“以上 比例%”";
                return null;
            }

            tiers.Add(new RewardTier(upTo, percent / 100m));
            previous = upTo;
        }

        return tiers;
    }

    public static string FormatTiers(IEnumerable<RewardTier> tiers) =>
        string.Join('\n', tiers.Select(t => (t.UpTo is { } u ? u.ToString("0.##", CultureInfo.InvariantCulture) : "以上") + " " + (t.Rate * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%"));
}

/// <summary>违约金 and 举报奖励 arithmetic (pure; property-tested).</summary>
public static class SupervisionMath
{
    /// <summary>违约金 = 追回金额 × 倍数, 四舍五入到分.</summary>
    public static decimal Penalty(decimal recovered, decimal multiple) => Money.RoundToFen(recovered * multiple);

    /// <summary>
    /// 举报奖励: the 查实金额 is split into the tier bands and each part multiplied by its rate (累进); the sum is rounded to 分 and
    /// clamped to [floor, cap]. Nothing verified (≤ 0) gives no reward.
    /// </summary>
    public static decimal Reward(decimal verifiedAmount, IReadOnlyList<RewardTier> tiers, decimal floor, decimal cap)
    {
        if (verifiedAmount <= 0 || tiers.Count == 0)
        {
            return 0m;
        }

        decimal total = 0, lower = 0;
        foreach (var tier in tiers)
        {
            var upper = tier.UpTo ?? decimal.MaxValue;
            if (verifiedAmount <= lower)
            {
                break;
            }

            var part = Math.Min(verifiedAmount, upper) - lower;
            total += part * tier.Rate;
            if (tier.UpTo is null)
            {
                break;
            }

            lower = upper;
        }

        var rounded = Money.RoundToFen(total);
        return Math.Min(cap, Math.Max(floor, rounded));
    }
}
