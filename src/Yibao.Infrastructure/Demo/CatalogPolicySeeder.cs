using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Catalogs;
using Yibao.Application.Common;
using Yibao.Application.Policies;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Policies;
using Yibao.Infrastructure.Catalogs;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Infrastructure.Demo;

public sealed record CatalogPolicySeedResult(int Items, int Diagnoses, long? PolicyVersionId, bool Skipped);

/// <summary>
/// Loads the demo 医保目录 (DemoCatalogGenerator: the same items as samples/catalogs/demo-catalog.csv), the diagnoses
/// and the demo policy (samples/policies) for 示范县 into an empty catalog. The samples use the placeholder 统筹区
/// 999001; the seed re-homes the policy and the 先行自付比例 periods to the demo county's own code.
/// </summary>
public sealed class CatalogPolicySeeder(AppDbContext db, ImportCatalogHandler importCatalog, ImportCodeTableHandler importCodes,
    SavePolicyVersionHandler savePolicy, ChangePolicyStatusHandler changeStatus, ClonePolicyToNextYearHandler clonePolicy)
{
    private static readonly string[] DiagnosisHeader = ["diag_code", "diag_name"];

    /// <summary>samples/policies/shifanxian-2025.json, embedded at build.</summary>
    public static string DemoPolicyJson()
    {
        using var s = typeof(CatalogPolicySeeder).Assembly.GetManifestResourceStream("Yibao.DemoPolicy.json")
            ?? throw new InvalidOperationException("缺少内嵌的演示政策文件 Yibao.DemoPolicy.json");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    /// <summary>Seeds into an empty catalog; <paramref name="policyJson"/> null = the embedded demo policy.</summary>
    public async Task<AppResult<CatalogPolicySeedResult>> SeedAsync(string poolArea, string? policyJson = null, CancellationToken ct = default)
    {
        policyJson ??= DemoPolicyJson();
        if (await db.CatalogEntries.AnyAsync(ct) || await db.PolicyVersions.AnyAsync(ct))
        {
            return AppResult<CatalogPolicySeedResult>.Ok(new CatalogPolicySeedResult(0, 0, null, Skipped: true));
        }

        var items = DemoCatalogGenerator.Generate().Select(i => i.SelfPayRatios.Count == 0 ? i : i with
        {
            SelfPayRatios = i.SelfPayRatios.Select(p => string.Equals(p.PoolArea, DemoCatalogGenerator.PoolArea, StringComparison.Ordinal) ? p with { PoolArea = poolArea } : p).ToArray(),
        }).ToList();
        var records = CatalogCsv.ReadRecords(new StringReader(CatalogFiles.ToCsv(items))).Select(r => (IReadOnlyList<string>)r).ToList();
        var catalog = await importCatalog.HandleAsync(new ImportCatalog("demo-catalog.csv", records, Note: "示范县演示目录", SummarizeAudit: true), ct);
        if (!catalog.Succeeded)
        {
            return AppResult<CatalogPolicySeedResult>.Fail(catalog.Errors.Select(e => new AppError("catalog", e.ToString())));
        }

        var diagRecords = new List<IReadOnlyList<string>> { DiagnosisHeader };
        diagRecords.AddRange(DemoCatalogGenerator.Diagnoses.Select(d => (IReadOnlyList<string>)new[] { d.Code, d.Name }));
        var diag = await importCodes.HandleAsync(new ImportCodeTable(false, diagRecords), ct);

        long? policyId = null;
        {
            var doc = PolicyJson.Parse(policyJson);
            doc.PoolArea = poolArea;
            var saved = await savePolicy.HandleAsync(new SavePolicyVersion(PolicyJson.Write(doc)), ct);
            if (!saved.Succeeded)
            {
                return AppResult<CatalogPolicySeedResult>.Fail(saved.Errors);
            }

            var activated = await changeStatus.HandleAsync(new ChangePolicyStatus(saved.Value!.Id, PolicyStatus.Active), ct);
            if (!activated.Succeeded)
            {
                return AppResult<CatalogPolicySeedResult>.Fail(activated.Errors);
            }

            policyId = saved.Value.Id;

            // The demo year of care (DemoCoverage.ContributionYear) needs a policy in force: copy the sample forward, as
            // an agency does each January, and activate each copy.
            var current = saved.Value;
            while (current.EffectiveTo.Year < DemoCoverage.ContributionYear)
            {
                var cloned = await clonePolicy.HandleAsync(new ClonePolicyToNextYear(current.Id), ct);
                if (!cloned.Succeeded)
                {
                    return AppResult<CatalogPolicySeedResult>.Fail(cloned.Errors);
                }

                var active = await changeStatus.HandleAsync(new ChangePolicyStatus(cloned.Value!.Id, PolicyStatus.Active), ct);
                if (!active.Succeeded)
                {
                    return AppResult<CatalogPolicySeedResult>.Fail(active.Errors);
                }

                current = cloned.Value;
                policyId = current.Id;
            }
        }

        return AppResult<CatalogPolicySeedResult>.Ok(new CatalogPolicySeedResult(catalog.Version!.Added, diag.Added, policyId, Skipped: false));
    }

    public static string Describe(CatalogPolicySeedResult r) => r.Skipped
        ? "已有医保目录或待遇政策数据，跳过目录与政策的演示数据"
        : string.Create(CultureInfo.InvariantCulture, $"医保目录 {r.Items} 条，诊断 {r.Diagnoses} 条，待遇政策参数集 {(r.PolicyVersionId is { } id ? "已生效（最新编号 " + id + "）" : "0 个")}");
}
