namespace Yibao.Domain.Policies;

/// <summary>A compiled band [From, To) with a ratio; To = decimal.MaxValue when open.</summary>
public readonly record struct Band(decimal From, decimal To, decimal Ratio);

/// <summary>
/// Piecewise-linear band functions: G(c) = Σ ratioᵢ × |[fromᵢ, toᵢ) ∩ [0, c)|.
/// Layers compute pay(cum_after) − pay(cum_before) on G so that they are path-independent.
/// </summary>
public static class BandMath
{
    /// <summary>G(c); <paramref name="firstFrom"/> replaces bands[0].From (lowered threshold), ratios get <paramref name="bonus"/> (≤ 1).</summary>
    public static decimal Cumulative(ReadOnlySpan<Band> bands, decimal firstFrom, decimal bonus, decimal c)
    {
        decimal sum = 0m;
        for (var i = 0; i < bands.Length; i++)
        {
            var b = bands[i];
            var from = i == 0 ? firstFrom : b.From;
            if (c <= from)
            {
                break;
            }

            var upper = c < b.To ? c : b.To;
            if (upper > from)
            {
                sum += (upper - from) * Ratio(b.Ratio, bonus);
            }
        }

        return sum;
    }

    /// <summary>Smallest c with G(c) ≥ target, or decimal.MaxValue when G never reaches it.</summary>
    public static decimal Inverse(ReadOnlySpan<Band> bands, decimal firstFrom, decimal bonus, decimal target)
    {
        if (target <= 0m)
        {
            return 0m;
        }

        decimal sum = 0m;
        for (var i = 0; i < bands.Length; i++)
        {
            var b = bands[i];
            var from = i == 0 ? firstFrom : b.From;
            var r = Ratio(b.Ratio, bonus);
            if (r <= 0m)
            {
                continue;
            }

            var need = target - sum;
            if (b.To == decimal.MaxValue || (b.To - from) * r >= need)
            {
                return from + (need / r);
            }

            sum += (b.To - from) * r;
        }

        return decimal.MaxValue;
    }

    public static decimal Ratio(decimal ratio, decimal bonus)
    {
        var r = ratio + bonus;
        return r > 1m ? 1m : r;
    }
}
