using Yibao.Domain.Review;

namespace Yibao.Application.Review;

/// <summary>The 事中 reviewer for settlement, or why the configured rule set cannot be used.</summary>
public sealed record InlineReviewerResult(InlineReviewer? Reviewer, string? RuleSetId, string? Error)
{
    public static readonly InlineReviewerResult None = new(null, null, null);
}

/// <summary>
/// The active review rule set for 事中审核 (3101) inside pre-settlement and settlement. Today a file named by
/// <c>YIBAO_REVIEW_RULES</c> (default: none, i.e. no 事中 rules and settlements are unchanged).
/// </summary>
public interface IReviewRuleSource
{
    /// <summary>The shared reviewer (null when no rule set is configured), or an error naming the bad file.</summary>
    Task<InlineReviewerResult> GetInlineReviewerAsync(CancellationToken ct = default);
}
