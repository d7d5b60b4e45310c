using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Review;

namespace Yibao.Application.Review;

/// <summary>Told when stored rules change, so the cached 事中 reviewer is rebuilt.</summary>
public interface IReviewRuleCache
{
    void Invalidate();
}

public static class ReviewErrors
{
    public const string Validation = "validation-failed";
    public const string RuleNotFound = "review-rule-not-found";
    public const string FlagNotFound = "review-flag-not-found";
    public const string AlreadyDecided = "review-flag-decided";
}

/// <summary>导入审核规则集: every rule of a valid file is created or updated by 规则编号, all or nothing.</summary>
public sealed record ImportReviewRules(string Json);

public sealed record ImportReviewRulesResult(string RuleSetId, int Created, int Updated, int Unchanged);

public sealed class ImportReviewRulesHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock, IReviewRuleCache cache)
{
    public async Task<AppResult<ImportReviewRulesResult>> HandleAsync(ImportReviewRules command, CancellationToken ct = default)
    {
        var (set, errors) = ReviewRuleJson.ParseAndValidate(command.Json ?? "");
        if (set is null)
        {
            return AppResult<ImportReviewRulesResult>.Fail(errors.Select(e => new AppError(ReviewErrors.Validation, e, PathOf(e))));
        }

        var codes = set.Rules.Select(r => r.Id).ToList();
        var existing = await db.ReviewRules.Where(r => codes.Contains(r.RuleCode)).ToDictionaryAsync(r => r.RuleCode, StringComparer.Ordinal, ct);
        int created = 0, updated = 0, unchanged = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var rule in set.Rules)
        {
            if (existing.TryGetValue(rule.Id, out var row))
            {
                if (row.SetFrom(rule))
                {
                    row.Version++;
                    row.RuleSetId = set.Id;
                    row.UpdatedAt = now;
                    row.UpdatedBy = user.UserName;
                    updated++;
                }
                else
                {
                    unchanged++;
                }
            }
            else
            {
                row = new StoredReviewRule { RuleCode = rule.Id, Name = rule.Name, ScopeJson = "{}", ParametersJson = "{}", RuleSetId = set.Id, UpdatedAt = now, UpdatedBy = user.UserName };
                row.SetFrom(rule);
                db.ReviewRules.Add(row);
                created++;
            }
        }

        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return AppResult<ImportReviewRulesResult>.Ok(new ImportReviewRulesResult(set.Id, created, updated, unchanged));
    }

    internal static string? PathOf(string error)
    {
        var i = error.IndexOf('：', StringComparison.Ordinal);
        return i > 0 ? error[..i] : null;
    }
}

/// <summary>导出审核规则集 (all stored rules, or only those of a status), in the rule-set file format.</summary>
public sealed record ExportReviewRules(ReviewRuleStatus? Status = null);

public sealed class ExportReviewRulesHandler(IAppDbContext db)
{
    public async Task<string> HandleAsync(ExportReviewRules query, CancellationToken ct = default)
    {
        var rows = await db.ReviewRules.AsNoTracking().Where(r => query.Status == null || r.Status == query.Status).OrderBy(r => r.RuleCode).ToListAsync(ct);
        var set = new ReviewRuleSet { Id = "stored", Name = "已存储的审核规则", Rules = [.. rows.Select(r => r.ToRule())] };
        return ReviewRuleJson.Write(set);
    }

    /// <summary>The stored rules as a rule set (for runs).</summary>
    public static async Task<List<ReviewRule>> LoadAsync(IAppDbContext db, Func<IQueryable<StoredReviewRule>, IQueryable<StoredReviewRule>>? filter, CancellationToken ct)
    {
        var q = db.ReviewRules.AsNoTracking();
        if (filter is not null)
        {
            q = filter(q);
        }

        var rows = await q.OrderBy(r => r.RuleCode).ToListAsync(ct);
        return [.. rows.Select(r => r.ToRule())];
    }
}

/// <summary>One row of the rule list.</summary>
public sealed record ReviewRuleRow(long Id, string Code, string Name, ReviewRuleType Type, ReviewResultType Result, ReviewWindow Window, int? WindowDays,
    ReviewStage Stages, DateOnly? EffectiveFrom, DateOnly? EffectiveTo, ReviewRuleStatus Status, int Version, string ParametersJson, DateTime UpdatedAt, string UpdatedBy);

public sealed record ListReviewRules(string? Text = null, ReviewRuleStatus? Status = null, ReviewRuleType? Type = null);

public sealed class ListReviewRulesHandler(IAppDbContext db)
{
    public async Task<IReadOnlyList<ReviewRuleRow>> HandleAsync(ListReviewRules query, CancellationToken ct = default)
    {
        var q = db.ReviewRules.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var t = query.Text.Trim();
            q = q.Where(r => r.RuleCode.Contains(t) || r.Name.Contains(t));
        }

        if (query.Status is { } s)
        {
            q = q.Where(r => r.Status == s);
        }

        if (query.Type is { } type)
        {
            q = q.Where(r => r.Type == type);
        }

        return await q.OrderBy(r => r.RuleCode)
            .Select(r => new ReviewRuleRow(r.Id, r.RuleCode, r.Name, r.Type, r.Result, r.Window, r.WindowDays, r.Stages, r.EffectiveFrom, r.EffectiveTo, r.Status,
                r.Version, r.ParametersJson, r.UpdatedAt, r.UpdatedBy))
            .ToListAsync(ct);
    }

    public async Task<StoredReviewRule?> GetAsync(string code, CancellationToken ct = default) =>
        await db.ReviewRules.AsNoTracking().FirstOrDefaultAsync(r => r.RuleCode == code, ct);
}

/// <summary>
/// 新建/修改审核规则 from the rule screen: the fields and the parameters/scope as JSON. The rule is checked by
/// <see cref="ReviewRuleValidator"/>; errors name the JSON path (<c>$.parameters.max_quantity：规则“…”…</c>).
/// <see cref="OriginalCode"/> null = create.
/// </summary>
public sealed record SaveReviewRule(
    string? OriginalCode, string Code, string Name, ReviewRuleType Type, ReviewResultType Result, ReviewWindow Window, int? WindowDays,
    IReadOnlyList<ReviewStage> Stages, DateOnly? EffectiveFrom, DateOnly? EffectiveTo, string? ScopeJson, string? ParametersJson,
    ReviewRuleStatus Status = ReviewRuleStatus.Draft);

public sealed class SaveReviewRuleHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock, IReviewRuleCache cache)
{
    /// <summary>Builds and validates the rule without storing it (also used to test a draft).</summary>
    public static AppResult<ReviewRule> Build(SaveReviewRule c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var errors = new List<AppError>();
        JsonNode? Obj(string? text, string field, string label)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return new JsonObject();
            }

            try
            {
                var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                if (node is JsonObject)
                {
                    return node;
                }

                errors.Add(new AppError(ReviewErrors.Validation, $"$.{field}：{label}必须是 JSON 对象（{{ … }}）", field));
            }
            catch (JsonException ex)
            {
                errors.Add(new AppError(ReviewErrors.Validation, $"$.{field}：{label}不是有效的 JSON（第 {(ex.LineNumber ?? 0) + 1} 行附近）", field));
            }

            return null;
        }

        var scope = Obj(c.ScopeJson, "scope", "适用范围");
        var parameters = Obj(c.ParametersJson, "parameters", "参数");
        if (errors.Count > 0)
        {
            return AppResult<ReviewRule>.Fail(errors);
        }

        var rule = new JsonObject
        {
            ["id"] = (c.Code ?? "").Trim(),
            ["name"] = (c.Name ?? "").Trim(),
            ["type"] = JsonSerializer.SerializeToNode(c.Type, ReviewRuleJson.Options),
            ["result"] = JsonSerializer.SerializeToNode(c.Result, ReviewRuleJson.Options),
            ["window"] = JsonSerializer.SerializeToNode(c.Window, ReviewRuleJson.Options),
            ["stages"] = JsonSerializer.SerializeToNode(c.Stages ?? [], ReviewRuleJson.Options),
            ["status"] = JsonSerializer.SerializeToNode(c.Status, ReviewRuleJson.Options),
            ["scope"] = scope,
            ["parameters"] = parameters,
        };
        if (c.WindowDays is { } wd)
        {
            rule["window_days"] = wd;
        }

        if (c.EffectiveFrom is { } f)
        {
            rule["effective_from"] = f.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (c.EffectiveTo is { } t)
        {
            rule["effective_to"] = t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        var json = new JsonObject { ["id"] = "draft", ["name"] = "草稿", ["rules"] = new JsonArray(rule) }.ToJsonString();
        var (set, problems) = ReviewRuleJson.ParseAndValidate(json);
        if (set is null)
        {
            return AppResult<ReviewRule>.Fail(problems.Select(p =>
            {
                var msg = p.StartsWith("$.rules[0]", StringComparison.Ordinal) ? "$" + p["$.rules[0]".Length..] : p;
                return new AppError(ReviewErrors.Validation, msg, ImportReviewRulesHandler.PathOf(msg));
            }));
        }

        return AppResult<ReviewRule>.Ok(set.Rules[0]);
    }

    public async Task<AppResult<StoredReviewRule>> HandleAsync(SaveReviewRule command, CancellationToken ct = default)
    {
        var built = Build(command);
        if (!built.Succeeded)
        {
            return AppResult<StoredReviewRule>.Fail(built.Errors);
        }

        var rule = built.Value!;
        var now = clock.GetUtcNow().UtcDateTime;
        StoredReviewRule? row;
        if (command.OriginalCode is null)
        {
            if (await db.ReviewRules.AnyAsync(r => r.RuleCode == rule.Id, ct))
            {
                return AppResult<StoredReviewRule>.Fail(new AppError(ReviewErrors.Validation, $"$.id：规则编号“{rule.Id}”已存在", "$.id"));
            }

            row = new StoredReviewRule { RuleCode = rule.Id, Name = rule.Name, ScopeJson = "{}", ParametersJson = "{}", UpdatedAt = now, UpdatedBy = user.UserName };
            row.SetFrom(rule);
            db.ReviewRules.Add(row);
        }
        else
        {
            row = await db.ReviewRules.FirstOrDefaultAsync(r => r.RuleCode == command.OriginalCode, ct);
            if (row is null)
            {
                return AppResult<StoredReviewRule>.Fail(new AppError(ReviewErrors.RuleNotFound, $"规则编号：“{command.OriginalCode}”不存在", "$.id"));
            }

            if (rule.Id != row.RuleCode)
            {
                return AppResult<StoredReviewRule>.Fail(new AppError(ReviewErrors.Validation, "$.id：规则编号保存后不能修改（请新建规则并停用旧规则）", "$.id"));
            }

            if (row.SetFrom(rule))
            {
                row.Version++;
                row.UpdatedAt = now;
                row.UpdatedBy = user.UserName;
            }
        }

        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return AppResult<StoredReviewRule>.Ok(row);
    }
}

/// <summary>启用 / 停用（退役）/ 退回草稿 a stored rule.</summary>
public sealed record ChangeReviewRuleStatus(string Code, ReviewRuleStatus Status);

public sealed class ChangeReviewRuleStatusHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock, IReviewRuleCache cache)
{
    public async Task<AppResult<StoredReviewRule>> HandleAsync(ChangeReviewRuleStatus command, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(command.Status))
        {
            return AppResult<StoredReviewRule>.Fail(new AppError(ReviewErrors.Validation, "状态：必须是草稿、启用或停用", "status"));
        }

        var row = await db.ReviewRules.FirstOrDefaultAsync(r => r.RuleCode == command.Code, ct);
        if (row is null)
        {
            return AppResult<StoredReviewRule>.Fail(new AppError(ReviewErrors.RuleNotFound, $"规则编号：“{command.Code}”不存在", "code"));
        }

        if (row.Status != command.Status)
        {
            row.Status = command.Status;
            row.Version++;
            row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            row.UpdatedBy = user.UserName;
            await db.SaveChangesAsync(ct);
            cache.Invalidate();
        }

        return AppResult<StoredReviewRule>.Ok(row);
    }
}
