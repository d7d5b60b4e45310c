using CsCheck;
using Yibao.Domain.Common;
using Yibao.Domain.Supervision;

namespace Yibao.Domain.Tests.Supervision;

public sealed class CaseWorkflowTests
{
    private static readonly DateOnly D = new(2026, 3, 1);
    private static readonly DateTime Now = new(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc);

    private static SupervisionCase NewCase() => new() { CaseNo = "JC20260001", SourceRef = "JB20260001", Summary = "串换药品", CreatedBy = "稽核员甲", ReceivedOn = D };

    [Fact]
    public void A_case_goes_from_lead_to_closed_and_every_step_keeps_date_person_and_reason()
    {
        var c = NewCase();
        CaseWorkflow.Apply(c, CaseAction.File, D.AddDays(1), "甲", "证据初步确凿", Now);
        CaseWorkflow.Apply(c, CaseAction.Investigate, D.AddDays(2), "乙", "调取进销存", Now);
        CaseWorkflow.Apply(c, CaseAction.Decide, D.AddDays(10), "甲", "串换药品属实", Now);
        c.Outcomes.Add(new CaseOutcome { Kind = OutcomeKind.Recovery, Amount = 100m });
        Should.Throw<DomainException>(() => CaseWorkflow.Apply(c, CaseAction.Close, D.AddDays(11), "甲", "执行完毕", Now)).Code.ShouldBe("outcomes-unpaid");
        c.Outcomes[0].PaidOn = D.AddDays(11);
        CaseWorkflow.Apply(c, CaseAction.Close, D.AddDays(12), "甲", "执行完毕", Now);

        c.Status.ShouldBe(CaseStatus.Closed);
        c.FiledOn.ShouldBe(D.AddDays(1));
        c.DecidedOn.ShouldBe(D.AddDays(10));
        c.ClosedOn.ShouldBe(D.AddDays(12));
        c.Steps.Select(s => (s.FromStatus, s.ToStatus, s.StepBy)).ShouldBe([
            (CaseStatus.Lead, CaseStatus.Filed, "甲"), (CaseStatus.Filed, CaseStatus.Investigating, "乙"),
            (CaseStatus.Investigating, CaseStatus.Decided, "甲"), (CaseStatus.Decided, CaseStatus.Closed, "甲")]);
        c.Steps.ShouldAllBe(s => s.Reason.Length > 0);
    }

    [Theory]
    [InlineData(CaseStatus.Lead, CaseAction.Decide, "处理决定：案件当前状态为“线索”，不能处理决定（当前可办理：立案、不予立案）")]
    [InlineData(CaseStatus.Lead, CaseAction.Close, "结案：案件当前状态为“线索”，不能结案（当前可办理：立案、不予立案）")]
    [InlineData(CaseStatus.Filed, CaseAction.Decide, "处理决定：案件当前状态为“已立案”，不能处理决定（当前可办理：开始调查）")]
    [InlineData(CaseStatus.Closed, CaseAction.File, "立案：案件当前状态为“已结案”，不能立案（案件已办结，不能再办理）")]
    [InlineData(CaseStatus.Dismissed, CaseAction.Investigate, "开始调查：案件当前状态为“不予立案”，不能开始调查（案件已办结，不能再办理）")]
    [InlineData(CaseStatus.Decided, CaseAction.Decide, "处理决定：案件当前状态为“已处理”，不能处理决定（当前可办理：结案）")]
    public void Invalid_transitions_are_refused_in_Chinese(CaseStatus from, CaseAction action, string message)
    {
        var c = NewCase();
        c.Status = from;
        var ex = Should.Throw<DomainException>(() => CaseWorkflow.Apply(c, action, D, "甲", "理由", Now));
        ex.Message.ShouldBe(message);
        ex.Code.ShouldBe("invalid-case-transition");
        c.Steps.ShouldBeEmpty();
        c.Status.ShouldBe(from);
    }

    [Fact]
    public void Every_pair_of_status_and_action_is_either_a_listed_transition_or_refused()
    {
        var allowed = new HashSet<(CaseStatus, CaseAction)>
        {
            (CaseStatus.Lead, CaseAction.File), (CaseStatus.Lead, CaseAction.Dismiss), (CaseStatus.Filed, CaseAction.Investigate),
            (CaseStatus.Investigating, CaseAction.Decide), (CaseStatus.Investigating, CaseAction.Close), (CaseStatus.Decided, CaseAction.Close),
        };
        foreach (var s in Enum.GetValues<CaseStatus>())
        {
            foreach (var a in Enum.GetValues<CaseAction>())
            {
                (CaseWorkflow.Target(s, a) is not null).ShouldBe(allowed.Contains((s, a)), $"{s} {a}");
            }
        }
    }

    [Fact]
    public void A_step_needs_a_reason_and_a_date_not_before_the_previous_step()
    {
        var c = NewCase();
        Should.Throw<DomainException>(() => CaseWorkflow.Apply(c, CaseAction.File, D, "甲", "  ", Now)).Message.ShouldBe("立案理由：不能为空");
        Should.Throw<DomainException>(() => CaseWorkflow.Apply(c, CaseAction.File, D.AddDays(-1), "甲", "x", Now)).Message.ShouldBe("办理日期：不能早于上一步的日期 2026-03-01");
        CaseWorkflow.Apply(c, CaseAction.Dismiss, D, "甲", "查无实据", Now);
        c.Status.ShouldBe(CaseStatus.Dismissed);
        c.ClosedOn.ShouldBe(D);
    }
}

public sealed class SupervisionMathTests
{
    private static readonly SupervisionPolicy Policy = SupervisionPolicy.Default(new DateOnly(2026, 1, 1));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1000, 200)] // 60 → floor 200
    [InlineData(10_000, 600)]
    [InlineData(100_000, 6000)]
    [InlineData(150_000, 8000)] // 6000 + 50000 × 4%
    [InlineData(500_000, 22_000)]
    [InlineData(1_000_000, 32_000)] // 22000 + 500000 × 2%
    [InlineData(20_000_000, 200_000)] // capped
    [InlineData(3333.33, 200)]
    [InlineData(5555.55, 333.33)] // 333.333 rounds to 分
    public void Default_reward_tiers_are_progressive_with_floor_and_cap(decimal verified, decimal reward) =>
        Policy.Reward(verified).ShouldBe(reward);

    [Theory]
    [InlineData(55_500, 2, 111_000)]
    [InlineData(1234.57, 1.5, 1851.86)] // 1851.855 → 四舍五入 1851.86
    [InlineData(100, 5, 500)]
    public void Penalty_is_the_recovered_amount_times_the_multiple_rounded_to_fen(decimal recovered, decimal multiple, decimal penalty) =>
        Policy.Penalty(recovered, multiple).ShouldBe(penalty);

    [Fact]
    public void A_multiple_outside_the_policy_range_is_refused()
    {
        Should.Throw<DomainException>(() => Policy.Penalty(100m, 5.5m)).Message.ShouldBe("违约金倍数：须在 1–5 倍之间（稽核政策参数）");
        Should.Throw<DomainException>(() => Policy.Penalty(100m, 0.5m)).Code.ShouldBe("penalty-multiple-out-of-range");
    }

    [Theory]
    [InlineData("", "举报奖励档次：至少需要一档（最后一行写“以上 比例%”）")]
    [InlineData("100000 6%", "举报奖励档次第 1 行：最后一档须写“以上 比例%”")]
    [InlineData("100000 6%\n50000 4%\n以上 2%", "举报奖励档次第 2 行：上限金额须为数字且大于上一档的上限")]
    [InlineData("以上 2%\n100000 6%", "举报奖励档次第 1 行：“以上”只能是最后一档")]
    [InlineData("100000 abc\n以上 2%", "举报奖励档次第 1 行：须为“上限金额 比例%”，比例在 0–100 之间")]
    public void Tier_text_errors_name_the_line_and_the_rule(string text, string error)
    {
        SupervisionPolicy.ParseTiers(text, out var e).ShouldBeNull();
        e.ShouldBe(error);
    }

    [Fact]
    public void Tier_text_round_trips_and_policy_validation_names_fields()
    {
        var tiers = SupervisionPolicy.ParseTiers("100000 6%\r\n500000 4\n以上 2%", out _)!;
        SupervisionPolicy.FormatTiers(tiers).ShouldBe(SupervisionPolicy.DefaultTiersText);
        var bad = SupervisionPolicy.Default(new DateOnly(2026, 1, 1));
        bad.PenaltyMultipleMax = 0.5m;
        bad.RewardCap = 10m;
        bad.Validate().ShouldBe(["违约金最高倍数：不能小于最低倍数", "违约金默认倍数：须在最低倍数与最高倍数之间", "举报奖励最高金额：不能小于最低金额"]);
        Policy.Validate().ShouldBeEmpty();
    }

    private static readonly Gen<decimal> Amount = Gen.Long[0, 5_000_000_000L].Select(f => f / 100m);

    private static readonly Gen<(IReadOnlyList<RewardTier> Tiers, decimal Floor, decimal Cap)> Tiers =
        Gen.Select(Gen.Int[1, 5], Gen.Int[0, 1000], Gen.Int[0, 100_000]).SelectMany((n, floor, extra) =>
            Gen.Select(Gen.Long[1, 10_000_000].Array[n], Gen.Int[0, 2000].Array[n + 1]).Select((bounds, rates) =>
            {
                var ups = bounds.Distinct().Order().Select(b => (decimal?)(b * 1m)).ToList();
                var list = ups.Select((u, i) => new RewardTier(u, rates[i] / 10000m)).ToList();
                list.Add(new RewardTier(null, rates[^1] / 10000m));
                return ((IReadOnlyList<RewardTier>)list, (decimal)floor, (decimal)(floor + extra));
            }));

    [Fact]
    public void Reward_is_within_floor_and_cap_monotonic_and_equals_the_sum_of_band_parts()
    {
        Gen.Select(Tiers, Amount, Amount).Sample((t, a, b) =>
        {
            var (tiers, floor, cap) = t;
            var ra = SupervisionMath.Reward(a, tiers, floor, cap);
            var rb = SupervisionMath.Reward(b, tiers, floor, cap);
            if (a > 0)
            {
                ra.ShouldBeInRange(floor, cap);
            }
            else
            {
                ra.ShouldBe(0m);
            }

            // Monotonic: a larger verified amount never earns a smaller reward.
            if (a > 0 && b > 0 && a <= b)
            {
                ra.ShouldBeLessThanOrEqualTo(rb);
            }

            // Band by band: each part of the amount inside a band at that band's rate.
            decimal expected = 0, lower = 0;
            foreach (var tier in tiers)
            {
                var upper = tier.UpTo ?? decimal.MaxValue;
                if (a > lower)
                {
                    expected += (Math.Min(a, upper) - lower) * tier.Rate;
                }

                lower = upper;
            }

            if (a > 0)
            {
                ra.ShouldBe(Math.Min(cap, Math.Max(floor, Money.RoundToFen(expected))));
            }

            ra.ShouldBe(decimal.Round(ra, 2));
        });
    }

    [Fact]
    public void Penalty_is_linear_in_the_multiple_to_within_a_fen()
    {
        Gen.Select(Amount, Gen.Int[100, 500], Gen.Int[100, 500]).Sample((amount, m1, m2) =>
        {
            var a = SupervisionMath.Penalty(amount, m1 / 100m);
            var b = SupervisionMath.Penalty(amount, m2 / 100m);
            var both = SupervisionMath.Penalty(amount, (m1 + m2) / 100m);
            Math.Abs(a + b - both).ShouldBeLessThanOrEqualTo(0.01m);
            both.ShouldBeGreaterThanOrEqualTo(amount);
        });
    }
}
