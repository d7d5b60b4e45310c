using System.Globalization;
using Yibao.Application.Catalogs;
using Yibao.Application.Policies;
using Yibao.Domain.Catalogs;

namespace Yibao.Application.Settlement;

/// <summary>
/// 医保目录与待遇政策 for online settlement from the database: the catalog imported for the 统筹区 and the active
/// policy version whose period contains the service date. The settlement stores <c>{policy code}@v{version id}</c>, and
/// <see cref="IPolicyProvider.GetVersionAsync"/> finds exactly that version again to recompute or explain it.
/// </summary>
public sealed class StoredSettlementReferenceData(ICatalogProvider catalogs, IPolicyProvider policies) : ISettlementReferenceData
{
    public async Task<Catalog?> GetCatalogAsync(string poolArea, DateOnly serviceDate, CancellationToken ct = default) =>
        (await catalogs.GetCatalogAsync(poolArea, serviceDate, ct))?.Catalog;

    public async Task<PolicyVersion?> GetPolicyAsync(string poolArea, string insutype, DateOnly serviceDate, CancellationToken ct = default) =>
        await policies.GetPolicyAsync(poolArea, insutype, serviceDate, ct) is { } snapshot
            ? new PolicyVersion(VersionIdOf(snapshot), snapshot.Policy)
            : null;

    /// <summary>The id a settlement stores for the policy version it used.</summary>
    public static string VersionIdOf(PolicySnapshot snapshot) =>
        string.Create(CultureInfo.InvariantCulture, $"{snapshot.Code}@v{snapshot.VersionId}");
}
