using System.Globalization;
using Yibao.Domain.Policies;

namespace Yibao.Web.Pages.Policies;

/// <summary>
/// 表单编辑 of a policy draft: the numbers staff change every year (起付线、分段比例、封顶、大病/救助层), as strings so that a
/// bad entry gets a Chinese error naming its JSON path instead of a model-binding failure. The cells (险种 × 类别 × 就诊类型
/// × 等级 × 就医地), codes and everything else stay as stored; <see cref="ApplyTo"/> writes the form onto the stored document.
/// </summary>
public sealed class PolicyForm
{
    public List<SchemeForm> Schemes { get; set; } = [];

    public List<LayerForm> Layers { get; set; } = [];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static PolicyForm From(PolicyDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return new PolicyForm
        {
            Schemes = doc.Schemes.Select(s => new SchemeForm
            {
                Id = s.Id,
                DeductibleAmount = Num(s.Deductible?.Amount),
                DeductibleBasis = s.Deductible?.Basis ?? DeductibleBasis.PerVisit,
                SubsequentFactors = s.Deductible is null ? "" : string.Join(", ", s.Deductible.SubsequentFactors.Select(f => Num(f))),
                StatusFactors = s.Deductible?.StatusFactors.Select(f => (string?)Num(f.Factor)).ToList() ?? [],
                BandBasis = s.BandBasis,
                Bands = s.Bands.Select(BandForm.Of).ToList(),
                AdjustmentBonuses = s.Adjustments.Select(a => (string?)Num(a.RatioBonus)).ToList(),
                AnnualCap = Num(s.AnnualCap),
                FixedAmount = Num(s.FixedAmount),
            }).ToList(),
            Layers = doc.Layers.Select(l => new LayerForm
            {
                Id = l.Id,
                Threshold = Num(l.Threshold),
                Bands = l.Bands.Select(BandForm.Of).ToList(),
                AnnualCap = Num(l.AnnualCap),
                Adjustments = l.Adjustments.Select(a => new LayerAdjustmentForm
                {
                    ThresholdFactor = Num(a.ThresholdFactor),
                    RatioBonus = Num(a.RatioBonus),
                    NoCap = a.NoCap,
                }).ToList(),
            }).ToList(),
        };
    }

    /// <summary>Writes the form onto <paramref name="doc"/>; returns “$.path：rule” errors for entries that are not numbers.</summary>
    public IReadOnlyList<string> ApplyTo(PolicyDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var errors = new List<string>();
        if (Schemes.Count != doc.Schemes.Count || Layers.Count != doc.Layers.Count ||
            Schemes.Where((s, i) => !string.Equals(s.Id, doc.Schemes[i].Id, StringComparison.Ordinal)).Any() ||
            Layers.Where((l, i) => !string.Equals(l.Id, doc.Layers[i].Id, StringComparison.Ordinal)).Any())
        {
            errors.Add("$：参数集已被修改（方案或补充支付层与打开时不同），请重新打开表单");
            return errors;
        }

        for (var i = 0; i < Schemes.Count; i++)
        {
            var f = Schemes[i];
            var s = doc.Schemes[i];
            var p = string.Create(Inv, $"$.schemes[{i}]");
            var amount = Dec(f.DeductibleAmount, p + ".deductible.amount", "起付线", errors, optional: true);
            if (amount is null)
            {
                s.Deductible = null;
            }
            else
            {
                s.Deductible ??= new DeductibleDef();
                s.Deductible.Amount = amount.Value;
                s.Deductible.Basis = f.DeductibleBasis;
                var factors = new List<decimal>();
                var parts = (f.SubsequentFactors ?? "").Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries);
                for (var k = 0; k < parts.Length; k++)
                {
                    if (Dec(parts[k], string.Create(Inv, $"{p}.deductible.subsequent_factors[{k}]"), "再次住院起付线系数", errors, ratio: true) is { } v)
                    {
                        factors.Add(v);
                    }
                }

                s.Deductible.SubsequentFactors = factors;
                for (var k = 0; k < s.Deductible.StatusFactors.Count && k < f.StatusFactors.Count; k++)
                {
                    if (Dec(f.StatusFactors[k], string.Create(Inv, $"{p}.deductible.status_factors[{k}].factor"), "特殊身份起付线系数", errors, ratio: true) is { } v)
                    {
                        s.Deductible.StatusFactors[k].Factor = v;
                    }
                }
            }

            s.BandBasis = f.BandBasis;
            s.Bands = Bands(f.Bands, p + ".bands", errors);
            for (var k = 0; k < s.Adjustments.Count && k < f.AdjustmentBonuses.Count; k++)
            {
                if (Dec(f.AdjustmentBonuses[k], string.Create(Inv, $"{p}.adjustments[{k}].ratio_bonus"), "比例提高", errors, ratio: true) is { } v)
                {
                    s.Adjustments[k].RatioBonus = v;
                }
            }

            s.AnnualCap = Dec(f.AnnualCap, p + ".annual_cap", "年度最高支付限额", errors, optional: true);
            s.FixedAmount = Dec(f.FixedAmount, p + ".fixed_amount", "定额", errors, optional: true);
        }

        for (var i = 0; i < Layers.Count; i++)
        {
            var f = Layers[i];
            var l = doc.Layers[i];
            var p = string.Create(Inv, $"$.layers[{i}]");
            l.Threshold = Dec(f.Threshold, p + ".threshold", "起付标准", errors) ?? l.Threshold;
            l.Bands = Bands(f.Bands, p + ".bands", errors);
            l.AnnualCap = Dec(f.AnnualCap, p + ".annual_cap", "年度支付限额", errors, optional: true);
            for (var k = 0; k < l.Adjustments.Count && k < f.Adjustments.Count; k++)
            {
                var a = f.Adjustments[k];
                var ap = string.Create(Inv, $"{p}.adjustments[{k}]");
                l.Adjustments[k].ThresholdFactor = Dec(a.ThresholdFactor, ap + ".threshold_factor", "起付标准系数", errors, optional: true, ratio: true);
                l.Adjustments[k].RatioBonus = Dec(a.RatioBonus, ap + ".ratio_bonus", "比例提高", errors, ratio: true) ?? 0m;
                l.Adjustments[k].NoCap = a.NoCap;
            }
        }

        return errors;
    }

    /// <summary>增加一段: after the last row, starting where it ends, with its ratio.</summary>
    public static void AddBand(List<BandForm> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var last = bands.Count > 0 ? bands[^1] : null;
        bands.Add(new BandForm { From = last is null ? "0" : last.To ?? "", To = "", Ratio = last?.Ratio ?? "" });
    }

    private static List<BandDef> Bands(List<BandForm> rows, string path, List<string> errors)
    {
        var list = new List<BandDef>(rows.Count);
        for (var k = 0; k < rows.Count; k++)
        {
            var bp = string.Create(Inv, $"{path}[{k}]");
            var from = Dec(rows[k].From, bp + ".from", "起点", errors);
            var to = Dec(rows[k].To, bp + ".to", "终点", errors, optional: true);
            var ratio = Dec(rows[k].Ratio, bp + ".ratio", "比例", errors, ratio: true);
            list.Add(new BandDef { From = from ?? 0m, To = to, Ratio = ratio ?? 0m });
        }

        return list;
    }

    /// <summary>Parses an invariant number (thousands separators allowed); ratios also accept “80%”.</summary>
    private static decimal? Dec(string? text, string path, string label, List<string> errors, bool optional = false, bool ratio = false)
    {
        var t = (text ?? "").Trim().Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal);
        if (t.Length == 0)
        {
            if (!optional)
            {
                errors.Add($"{path}：{label}不能为空");
            }

            return null;
        }

        var percent = ratio && (t.EndsWith('%') || t.EndsWith('％'));
        if (percent)
        {
            t = t[..^1].TrimEnd();
        }

        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, Inv, out var v) || t.Length > 20)
        {
            errors.Add($"{path}：{label}必须是数字（如 {(ratio ? "0.8 或 80%" : "1500")}），不能是“{text}”");
            return null;
        }

        if (percent)
        {
            v /= 100m;
        }

        return Normalize(v);
    }

    /// <summary>0.80 → 0.8, 1500.00 → 1500 (so the stored JSON and the diff show no scale-only changes).</summary>
    public static decimal Normalize(decimal v) => v / 1.000000000000000000000000000000000m;

    public static string Num(decimal? v) => v is null ? "" : Normalize(v.Value).ToString(Inv);
}

public sealed class SchemeForm
{
    public string Id { get; set; } = "";
    public string? DeductibleAmount { get; set; }
    public DeductibleBasis DeductibleBasis { get; set; } = DeductibleBasis.PerVisit;
    /// <summary>Comma-separated factors for the 2nd, 3rd … visit.</summary>
    public string? SubsequentFactors { get; set; }
    /// <summary>One factor per stored status factor (the status itself is not edited here).</summary>
    public List<string?> StatusFactors { get; set; } = [];
    public BandBasis BandBasis { get; set; } = BandBasis.PerVisit;
    public List<BandForm> Bands { get; set; } = [];
    /// <summary>One ratio bonus per stored category adjustment.</summary>
    public List<string?> AdjustmentBonuses { get; set; } = [];
    public string? AnnualCap { get; set; }
    public string? FixedAmount { get; set; }
}

public sealed class LayerForm
{
    public string Id { get; set; } = "";
    public string? Threshold { get; set; }
    public List<BandForm> Bands { get; set; } = [];
    public string? AnnualCap { get; set; }
    public List<LayerAdjustmentForm> Adjustments { get; set; } = [];
}

public sealed class LayerAdjustmentForm
{
    public string? ThresholdFactor { get; set; }
    public string? RatioBonus { get; set; }
    public bool NoCap { get; set; }
}

public sealed class BandForm
{
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Ratio { get; set; }

    public static BandForm Of(BandDef b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return new BandForm { From = PolicyForm.Num(b.From), To = PolicyForm.Num(b.To), Ratio = PolicyForm.Num(b.Ratio) };
    }
}

/// <summary>The band table of one scheme ("s") or layer ("l"): <paramref name="Prefix"/> is the form name, e.g. Form.Schemes[2].Bands.</summary>
public sealed record BandRowsModel(string Prefix, string Owner, int Index, IReadOnlyList<BandForm> Bands)
{
    public string IdPrefix => Prefix.Replace('.', '_').Replace('[', '_').Replace(']', '_');
}
