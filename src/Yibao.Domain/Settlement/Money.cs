namespace Yibao.Domain.Settlement;

/// <summary>Rounding to 分 (四舍五入, DESIGN §3).</summary>
internal static class Money
{
    public static decimal Fen(decimal x) => Math.Round(x, 2, MidpointRounding.AwayFromZero);
}
