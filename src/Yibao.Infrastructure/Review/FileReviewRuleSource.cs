using Microsoft.Extensions.Configuration;
using Yibao.Application.Review;
using Yibao.Domain.Review;

namespace Yibao.Infrastructure.Review;

/// <summary>
/// 事中审核 rule set from the file named by <c>YIBAO_REVIEW_RULES</c> (absolute, or relative to the working directory or
/// an ancestor of it or of the application folder), loaded and validated once; without the setting there are no 事中
/// rules. A missing or invalid file is reported to each settlement as a Chinese error (the settlement is refused, nothing
/// is written) rather than silently settling without review.
/// </summary>
public sealed class FileReviewRuleSource(IConfiguration configuration) : IReviewRuleSource, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private InlineReviewerResult? _loaded;

    public void Dispose() => _gate.Dispose();

    public async Task<InlineReviewerResult> GetInlineReviewerAsync(CancellationToken ct = default)
    {
        if (_loaded is { } done)
        {
            return done;
        }

        await _gate.WaitAsync(ct);
        try
        {
            _loaded ??= await LoadAsync(configuration["YIBAO_REVIEW_RULES"], ct);
            return _loaded;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<InlineReviewerResult> LoadAsync(string? configured, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return InlineReviewerResult.None;
        }

        var path = Locate(configured);
        if (path is null)
        {
            return new InlineReviewerResult(null, null, $"智能审核规则集 YIBAO_REVIEW_RULES：文件“{configured}”不存在");
        }

        var (set, errors) = ReviewRuleJson.ParseAndValidate(await File.ReadAllTextAsync(path, ct));
        return set is null
            ? new InlineReviewerResult(null, null, $"智能审核规则集 YIBAO_REVIEW_RULES：文件“{configured}”无效：{string.Join("；", errors.Take(5))}")
            : new InlineReviewerResult(new InlineReviewer(set), set.Id, null);
    }

    private static string? Locate(string configured)
    {
        if (Path.IsPathRooted(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, configured);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
