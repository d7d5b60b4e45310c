using Yibao.Domain.Catalogs;
using Yibao.Domain.Policies;
using static Yibao.Domain.Common.Money;

namespace Yibao.Domain.Settlement;

/// <summary>
/// 一站式结算计算: a pure function of (policy, catalog, person, encounter, fee lines, year-to-date accumulators).
/// Order: line classification → 基本医保 (起付线, 分段, 封顶) → 离休/大额/公务员/伤残 → 大病 → 救助 → 个人账户 → 现金.
/// Annual banded layers are computed on the cumulative basis: pay = F(cum_after) − F(cum_before).
/// Thread-safe; allocation-free when the caller reuses a <see cref="SettlementResult"/>.
/// </summary>
public sealed class SettlementCalculator(CompiledPolicy policy, Catalog catalog)
{
    public CompiledPolicy Policy { get; } = policy;
    public Catalog Catalog { get; } = catalog;

    /// <summary>Fresh accumulators (all zero) for a new year.</summary>
    public decimal[] NewAccumulators() => new decimal[Policy.SlotCount];

    public SettlementResult Calculate(PersonSnapshot person, Encounter encounter, ReadOnlySpan<FeeLine> lines, ReadOnlySpan<decimal> accumulators)
    {
        var r = new SettlementResult();
        Calculate(person, encounter, lines, accumulators, r);
        return r;
    }

    public void Calculate(PersonSnapshot person, Encounter encounter, ReadOnlySpan<FeeLine> lines, ReadOnlySpan<decimal> accumulators, SettlementResult result) =>
        Calculate(person, encounter, lines, accumulators, result, []);

    /// <summary>
    /// As above; lines whose index is true in <paramref name="reviewSelfPay"/> (事中智能审核 明确 deductions) are 全自费 with
    /// <see cref="LineReason.Review"/> before any catalog classification, so every national field follows from that.
    /// </summary>
    public void Calculate(PersonSnapshot person, Encounter encounter, ReadOnlySpan<FeeLine> lines, ReadOnlySpan<decimal> accumulators, SettlementResult result,
        ReadOnlySpan<bool> reviewSelfPay)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(encounter);
        ArgumentNullException.ThrowIfNull(result);
        var key = Policy.Resolve(person);
        var outLines = result.Reset(lines.Length, accumulators, Policy.SlotCount);
        result.PolicyId = Policy.Id;
        var acc = result.Accumulators;
        ref var s = ref result.Setl;

        // 1. 明细分类
        Classify(person, encounter, lines, reviewSelfPay, outLines, ref s);
        result.Step(StepKind.Classification, null, s.MedfeeSumamt, s.FulamtOwnpayAmt, s.OverlmtSelfpay, s.PreselfpayAmt, s.InscpScpAmt);

        // 2. 基本医保统筹
        var overCap = 0m;
        var e = s.InscpScpAmt;
        var si = Policy.FindScheme(key, encounter.VisitType, encounter.ChronicDisease, (int)encounter.InstitutionLevel, encounter.Place);
        if (si < 0)
        {
            result.Step(StepKind.NoScheme, key.Category < 0 ? "人员类别不在政策参数中" : "无适用的基本医保方案");
            s.PoolPropSelfpay = e;
        }
        else
        {
            var sc = Policy.Schemes[si];
            result.Scheme = sc;
            result.Step(StepKind.Scheme, sc.Def.Name);
            overCap = Basic(sc, key, e, acc, result, ref s);
        }

        // 3. Supplementary layers, in kind order.
        var remInScope = s.ActPayDedc + s.PoolPropSelfpay;
        var remPre = s.PreselfpayAmt;
        var remOver = s.OverlmtSelfpay;
        var remFul = s.FulamtOwnpayAmt;
        ulong groupsUsed = 0;
        var visitSet = encounter.VisitType.ToSet();
        var layers = Policy.Layers;
        for (var li = 0; li < layers.Length; li++)
        {
            var l = layers[li];
            if ((l.Visits & visitSet) == 0
                || (l.InsutypeIndex >= 0 && (key.InsutypeMask & (1UL << l.InsutypeIndex)) == 0)
                || (l.CategoryMask != 0 && (key.Category < 0 || (l.CategoryMask & (1UL << key.Category)) == 0))
                || (l.StatusMask != 0 && (l.StatusMask & key.StatusMask) == 0)
                || (l.ExclusiveGroup >= 0 && (groupsUsed & (1UL << l.ExclusiveGroup)) != 0))
            {
                continue;
            }

            if (l.ExclusiveGroup >= 0)
            {
                groupsUsed |= 1UL << l.ExclusiveGroup;
            }

            var basis = l.Def.Basis switch
            {
                LayerBasis.OverBasicCap => Math.Min(overCap, remInScope),
                LayerBasis.InScope => remInScope,
                LayerBasis.InScopeAndPreselfpay => remInScope + remPre,
                LayerBasis.Catalog => remInScope + remPre + remOver,
                LayerBasis.All => remInScope + remPre + remOver + remFul,
                _ => 0m,
            };

            var pay = Layer(l, key, basis, acc, result);
            if (pay <= 0m)
            {
                continue;
            }

            // Take the payment out of the personal burden: in-scope first, then 先行自付, 超限价, 全自费.
            var left = pay;
            Take(ref remInScope, ref left);
            Take(ref remPre, ref left);
            Take(ref remOver, ref left);
            Take(ref remFul, ref left);
            switch (l.Def.Kind)
            {
                case LayerKind.RetiredCadre: s.OthPay += pay; break;
                case LayerKind.LargeAmount: s.HifobPay += pay; break;
                case LayerKind.CivilServant: s.CvlservPay += pay; break;
                case LayerKind.DisabledVeteran: s.HifdmPay += pay; break;
                case LayerKind.CriticalIllness: s.HifmiPay += pay; break;
                case LayerKind.MedicalAssistance: s.MafPay += pay; break;
                default: s.OthPay += pay; break;
            }
        }

        s.FundPaySumamt = s.HifpPay + s.CvlservPay + s.HifobPay + s.HifmiPay + s.HifdmPay + s.MafPay + s.OthPay;
        s.PsnPartAmt = s.MedfeeSumamt - s.FundPaySumamt;

        // 4. 个人账户
        var rules = Policy.AccountRules;
        var accountMask = person.AccountInsutype is { } accountInsutype ? Policy.InsutypeMaskOf(accountInsutype) : key.InsutypeMask;
        for (var i = 0; i < rules.Length; i++)
        {
            var (ins, visits, rule) = rules[i];
            if ((visits & visitSet) == 0 || (accountMask & (1UL << ins)) == 0)
            {
                continue;
            }

            var payable = (rule.PaysInScope ? remInScope : 0m) + (rule.PaysPreselfpay ? remPre : 0m)
                + (rule.PaysOverlimit ? remOver : 0m) + (rule.PaysFullOwnpay ? remFul : 0m);
            var balance = Math.Max(0m, person.AccountBalance);
            s.AcctPay = Math.Min(Math.Min(balance, payable), s.PsnPartAmt);
            result.Step(StepKind.Account, null, balance, payable, 0, 0, s.AcctPay);
            break;
        }

        // 5. 现金
        s.PsnCashPay = s.PsnPartAmt - s.AcctPay;
        result.Step(StepKind.Cash, null, s.PsnPartAmt, s.AcctPay, 0, 0, s.PsnCashPay);
        result.Step(StepKind.Summary, null, s.FundPaySumamt, s.PsnPartAmt, 0, 0, s.MedfeeSumamt);
    }

    private static void Take(ref decimal bucket, ref decimal left)
    {
        var t = bucket < left ? bucket : left;
        bucket -= t;
        left -= t;
    }

    private void Classify(PersonSnapshot person, Encounter enc, ReadOnlySpan<FeeLine> lines, ReadOnlySpan<bool> reviewSelfPay, Span<LineResult> outLines, ref SetlInfo s)
    {
        var items = Catalog.Items;
        var poolArea = Policy.PoolArea;
        var days = enc.Days;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            ref var r = ref outLines[i];
            r = default;
            r.Amount = line.Amount;
            r.ItemIndex = Catalog.IndexOf(line.ItemCode);
            if (i < reviewSelfPay.Length && reviewSelfPay[i])
            {
                r.FulamtOwnpay = line.Amount;
                r.Reason = LineReason.Review;
            }
            else if (r.ItemIndex < 0)
            {
                r.FulamtOwnpay = line.Amount;
                r.Reason = LineReason.NotInCatalog;
            }
            else
            {
                var item = items[r.ItemIndex];
                var reason = item.Category == PaymentCategory.C ? LineReason.CategoryC : Check(item.Restrictions, person, enc);
                if (reason != LineReason.None)
                {
                    r.FulamtOwnpay = line.Amount;
                    r.Reason = reason;
                }
                else
                {
                    var qty = line.Quantity;
                    var allowedQty = qty;
                    var rs = item.Restrictions;
                    if (rs.MaxQuantityPerDay is decimal perDay && allowedQty > perDay * days)
                    {
                        allowedQty = perDay * days;
                        r.Reason = LineReason.QuantityPerDay;
                    }

                    if (rs.MaxQuantityPerStay is decimal perStay)
                    {
                        var prior = 0m;
                        for (var j = 0; j < i; j++)
                        {
                            if (outLines[j].ItemIndex == r.ItemIndex)
                            {
                                prior += lines[j].Quantity;
                            }
                        }

                        var left = Math.Max(0m, perStay - prior);
                        if (allowedQty > left)
                        {
                            allowedQty = left;
                            r.Reason = LineReason.QuantityPerStay;
                        }
                    }

                    var allowed = allowedQty == qty || qty == 0m ? line.Amount : RoundToFen(line.Amount * allowedQty / qty);
                    r.FulamtOwnpay = line.Amount - allowed;
                    if (item.PriceCap is decimal cap && line.UnitPrice > cap)
                    {
                        var capped = RoundToFen(cap * allowedQty);
                        if (allowed > capped)
                        {
                            r.Overlmt = allowed - capped;
                        }
                    }

                    var baseAmt = allowed - r.Overlmt;
                    var ratio = item.SelfPayRatio(poolArea, line.Date == default ? enc.AdmissionDate : line.Date);
                    r.SelfPayRatio = ratio;
                    r.Preselfpay = ratio == 0m ? 0m : RoundToFen(baseAmt * ratio);
                    r.Inscp = baseAmt - r.Preselfpay;
                }
            }

            s.MedfeeSumamt += r.Amount;
            s.FulamtOwnpayAmt += r.FulamtOwnpay;
            s.OverlmtSelfpay += r.Overlmt;
            s.PreselfpayAmt += r.Preselfpay;
            s.InscpScpAmt += r.Inscp;
        }
    }

    private static LineReason Check(ItemRestrictions rs, PersonSnapshot person, Encounter enc)
    {
        if (ReferenceEquals(rs, ItemRestrictions.None))
        {
            return LineReason.None;
        }

        if (rs.Gender is { } g && g != person.Gender)
        {
            return LineReason.Gender;
        }

        if ((rs.MinAge is int min && person.Age < min) || (rs.MaxAge is int max && person.Age > max))
        {
            return LineReason.Age;
        }

        if (rs.MinInstitutionLevel is { } lv && enc.InstitutionLevel < lv)
        {
            return LineReason.InstitutionLevel;
        }

        if ((rs.VisitTypes & enc.VisitType.ToSet()) == 0)
        {
            return LineReason.VisitType;
        }

        var prefixes = rs.DiagnosisPrefixes;
        if (prefixes.Count > 0)
        {
            var dx = enc.Diagnoses;
            for (var i = 0; i < dx.Count; i++)
            {
                for (var k = 0; k < prefixes.Count; k++)
                {
                    if (dx[i].StartsWith(prefixes[k], StringComparison.Ordinal))
                    {
                        return LineReason.None;
                    }
                }
            }

            return LineReason.Indication;
        }

        return LineReason.None;
    }

    /// <summary>基本医保统筹: returns the in-scope amount above the deductible that fell beyond the annual cap.</summary>
    private static decimal Basic(CompiledScheme sc, in PersonKey key, decimal e, decimal[] acc, SettlementResult result, ref SetlInfo s)
    {
        var visits = acc[sc.VisitSlot];
        acc[sc.VisitSlot] = visits + 1m;

        if (sc.FixedAmount is decimal quota)
        {
            var capRemFixed = sc.AnnualCap is decimal c0 ? Math.Max(0m, c0 - acc[sc.CapSlot]) : decimal.MaxValue;
            var payFixed = Math.Min(Math.Min(quota, e), capRemFixed);
            acc[sc.CapSlot] += payFixed;
            s.HifpPay = payFixed;
            s.PoolPropSelfpay = e - payFixed;
            result.Step(StepKind.FixedAmount, null, quota, 0, 0, 0, payFixed);
            result.Step(StepKind.BasicTotal, null, s.PoolPropSelfpay, 0, 0, 0, s.HifpPay);
            return 0m;
        }

        // 起付线
        decimal dedc;
        if (sc.DeductibleBasis == DeductibleBasis.PerYear)
        {
            var std = RoundToFen(sc.DeductibleAmount * StatusFactor(sc, key));
            var used = acc[sc.DeductibleSlot];
            dedc = Math.Min(e, Math.Max(0m, std - used));
            acc[sc.DeductibleSlot] = used + dedc;
            result.Step(StepKind.DeductiblePerYear, null, std, used, 0, 0, dedc);
        }
        else
        {
            var nth = (int)Math.Min(visits + 1m, 1000m);
            var factor = 1m;
            if (nth >= 2 && sc.SubsequentFactors.Length > 0)
            {
                factor = sc.SubsequentFactors[Math.Min(nth - 2, sc.SubsequentFactors.Length - 1)];
            }

            factor *= StatusFactor(sc, key);
            var std = RoundToFen(sc.DeductibleAmount * factor);
            dedc = Math.Min(e, std);
            acc[sc.DeductibleSlot] += dedc;
            result.Step(StepKind.DeductiblePerVisit, null, sc.DeductibleAmount, nth, factor, std, dedc);
        }

        s.ActPayDedc = dedc;
        var a = e - dedc;

        // 比例 (with category adjustment such as 退休人员)
        var bonus = 0m;
        if (key.Category >= 0)
        {
            var adj = sc.Adjustments;
            for (var i = 0; i < adj.Length; i++)
            {
                if ((adj[i].CategoryMask & (1UL << key.Category)) != 0)
                {
                    bonus = adj[i].Bonus;
                    break;
                }
            }
        }

        var bands = sc.Bands.AsSpan();
        var start = 0m;
        if (sc.BandSlot >= 0)
        {
            start = acc[sc.BandSlot];
            acc[sc.BandSlot] = start + a;
        }

        var first = bands.Length > 0 ? bands[0].From : 0m;
        var end = start + a;
        var raw = RoundToFen(BandMath.Cumulative(bands, first, bonus, end)) - RoundToFen(BandMath.Cumulative(bands, first, bonus, start));
        for (var i = 0; i < bands.Length; i++)
        {
            var b = bands[i];
            var lo = Math.Max(start, b.From);
            var hi = Math.Min(end, b.To);
            if (hi > lo)
            {
                var r = BandMath.Ratio(b.Ratio, bonus);
                result.Step(StepKind.Band, null, b.From, b.To == decimal.MaxValue ? -1m : b.To, r, hi - lo, RoundToFen((hi - lo) * r));
            }
        }

        // 封顶
        var pay = raw;
        var over = 0m;
        if (sc.AnnualCap is decimal cap)
        {
            var paidBefore = acc[sc.CapSlot];
            var rem = Math.Max(0m, cap - paidBefore);
            if (raw > rem)
            {
                pay = rem;
                var g0 = BandMath.Cumulative(bands, first, bonus, start);
                var reach = BandMath.Inverse(bands, first, bonus, g0 + rem);
                over = reach >= end ? 0m : Math.Min(a, Math.Max(0m, RoundToFen(end - reach)));
            }

            result.Step(StepKind.Cap, null, cap, paidBefore, raw, over, pay);
        }

        acc[sc.CapSlot] += pay;
        s.HifpPay = pay;
        s.PoolPropSelfpay = a - pay;
        result.Step(StepKind.BasicTotal, null, s.PoolPropSelfpay, 0, 0, 0, pay);
        return over;
    }

    private static decimal StatusFactor(CompiledScheme sc, in PersonKey key)
    {
        var f = 1m;
        var sf = sc.StatusFactors;
        for (var i = 0; i < sf.Length; i++)
        {
            if ((sf[i].Mask & key.StatusMask) != 0 && sf[i].Factor < f)
            {
                f = sf[i].Factor;
            }
        }

        return f;
    }

    /// <summary>
    /// The year-cumulative layer function F(c) = min(cap, G(c)), rounded to 分. Public for property tests.
    /// </summary>
    public static decimal LayerFunction(ReadOnlySpan<Band> bands, decimal threshold, decimal bonus, decimal? cap, decimal c)
    {
        var g = RoundToFen(BandMath.Cumulative(bands, threshold, bonus, c));
        return cap is decimal k && g > k ? k : g;
    }

    private static decimal Layer(CompiledLayer l, in PersonKey key, decimal basis, decimal[] acc, SettlementResult result)
    {
        var threshold = l.Def.Threshold;
        var bonus = 0m;
        decimal? cap = l.Def.AnnualCap;
        var adj = l.Adjustments;
        for (var i = 0; i < adj.Length; i++)
        {
            if ((adj[i].StatusMask & key.StatusMask) != 0)
            {
                if (adj[i].ThresholdFactor is decimal tf)
                {
                    threshold = RoundToFen(threshold * tf);
                }

                bonus = adj[i].Bonus;
                if (adj[i].NoCap)
                {
                    cap = null;
                }

                break;
            }
        }

        var bands = l.Bands.AsSpan();
        var before = acc[l.BaseSlot];
        var after = before + basis;
        var pay = LayerFunction(bands, threshold, bonus, cap, after) - LayerFunction(bands, threshold, bonus, cap, before);
        acc[l.BaseSlot] = after;
        acc[l.PaidSlot] += pay;
        result.Step(StepKind.Layer, l.Def.Name, basis, before, after, threshold, pay);
        for (var i = 0; i < bands.Length; i++)
        {
            var b = bands[i];
            var from = i == 0 ? threshold : b.From;
            var lo = Math.Max(before, from);
            var hi = Math.Min(after, b.To);
            if (hi > lo)
            {
                var r = BandMath.Ratio(b.Ratio, bonus);
                result.Step(StepKind.LayerBand, l.Def.Name, from, b.To == decimal.MaxValue ? -1m : b.To, r, hi - lo, RoundToFen((hi - lo) * r));
            }
        }

        if (cap is decimal k)
        {
            var uncapped = RoundToFen(BandMath.Cumulative(bands, threshold, bonus, after)) - RoundToFen(BandMath.Cumulative(bands, threshold, bonus, before));
            if (uncapped != pay)
            {
                result.Step(StepKind.LayerCap, l.Def.Name, k, acc[l.PaidSlot] - pay, 0, 0, pay);
            }
        }

        return pay;
    }
}
