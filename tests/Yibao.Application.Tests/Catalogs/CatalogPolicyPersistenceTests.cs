using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Catalogs;
using Yibao.Application.Policies;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Policies;
using Yibao.Infrastructure.Catalogs;
using Yibao.Infrastructure.Demo;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Catalogs;

public sealed class CatalogPolicyPersistenceTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private const string Header = "hilist_code,hilist_name,list_type,prcunt,chrgitm_lv,hilist_pric_uplmt_amt,selfpay_prop_admdvs,selfpay_prop,begndate,enddate,lmt_gend,lmt_age_min,lmt_age_max,lmt_hosp_lv,lmt_med_type,lmt_dise,max_qty_day,max_qty_stay";

    private static List<IReadOnlyList<string>> Csv(params string[] lines) =>
        CatalogCsv.ReadRecords(new StringReader(string.Join('\n', [Header, .. lines]) + "\n")).Select(r => (IReadOnlyList<string>)r).ToList();

    private static Task<CatalogImportOutcome> Import(TestDatabase db, List<IReadOnlyList<string>> rows, bool full = false) =>
        db.InScopeAsync(sp => sp.GetRequiredService<ImportCatalogHandler>().HandleAsync(new ImportCatalog("test.csv", rows, full)));

    private static string SamplePolicyJson()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Yibao.slnx")))
        {
            d = d.Parent;
        }

        return File.ReadAllText(Path.Combine(d!.FullName, "samples", "policies", "shifanxian-2025.json"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_with_a_bad_row_writes_nothing_and_reports_row_column_and_rule(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var outcome = await Import(db, Csv(
            "A001,阿莫西林胶囊,101,盒,01,15.00,,,,,,,,,,,,",
            "B002,头孢曲松钠,101,支,02,8.50,,1.5,2025-01-01,2025-12-31,,,,,,,,",
            "C003,诊查费,999,次,01,,,,,,,,,,,,,"));

        outcome.Succeeded.ShouldBeFalse();
        outcome.Errors.ShouldContain(e => e.Row == 3 && e.Column.StartsWith("selfpay_prop", StringComparison.Ordinal) && e.Message.Contains("0–1", StringComparison.Ordinal));
        outcome.Errors.ShouldContain(e => e.Row == 4 && e.Column.StartsWith("list_type", StringComparison.Ordinal));
        outcome.Errors.ShouldNotContain(e => e.Row == 2);
        var count = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().CatalogEntries.CountAsync());
        count.ShouldBe(0);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().CatalogVersions.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Each_import_is_a_version_with_added_changed_removed_counts_and_item_history(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var v1 = await Import(db, Csv(
            "A001,阿莫西林胶囊,101,盒,01,15.00,,,,,,,,,,,,",
            "B002,头孢曲松钠,101,支,02,8.50,,0.15,2025-01-01,2025-12-31,,,,,,,4,",
            "B002,头孢曲松钠,101,支,02,8.50,519999,0.10,2025-01-01,2025-12-31,,,,,,,4,",
            "C003,诊查费,201,次,01,,,,,,,,,,,,,"));
        v1.Succeeded.ShouldBeTrue(string.Join("；", v1.Errors));
        v1.Version!.ShouldBe(v1.Version! with { Number = 1, Added = 3, Changed = 0, Removed = 0, Unchanged = 0 });

        db.User.UserName = "catalog-admin";
        var v2 = await Import(db, Csv(
            "A001,阿莫西林胶囊,101,盒,01,16.00,,,,,,,,,,,,",
            "B002,头孢曲松钠,101,支,02,8.50,,0.15,2025-01-01,2025-12-31,,,,,,,4,",
            "B002,头孢曲松钠,101,支,02,8.50,519999,0.10,2025-01-01,2025-12-31,,,,,,,4,",
            "D004,一次性输液器,301,套,02,5,,0.2,,,,,,,,,,"), full: true);
        v2.Succeeded.ShouldBeTrue();
        v2.Version!.ShouldBe(v2.Version! with { Number = 2, Added = 1, Changed = 1, Removed = 1, Unchanged = 1 });

        var detail = await db.InScopeAsync(sp => sp.GetRequiredService<GetCatalogItemHandler>().HandleAsync("A001"));
        detail!.History.Count.ShouldBe(2);
        detail.History[0].By.ShouldBe("catalog-admin");
        detail.History[0].Summary.ShouldContain("限价：15 → 16");
        detail.Item.PriceCap.ShouldBe(16m);

        var removed = await db.InScopeAsync(sp => sp.GetRequiredService<GetCatalogItemHandler>().HandleAsync("C003"));
        removed!.Entry.Removed.ShouldBeTrue();
        removed.History[0].ChangeType.ShouldBe("移出");

        var page = await db.InScopeAsync(sp => sp.GetRequiredService<SearchCatalogHandler>().HandleAsync(new SearchCatalog("头孢", null, PaymentCategory.B)));
        page.TotalCount.ShouldBe(1);

        // The per-row audit trail comes with every import (rows added in one save share one entry that lists each of them).
        var catalogAudit = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking().Where(a => a.Entity == nameof(CatalogEntry)).ToListAsync());
        catalogAudit.Sum(a => a.After is { } json && json.Contains("\"新增行数\"", StringComparison.Ordinal)
            ? System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("新增行数").GetInt32()
            : 1).ShouldBeGreaterThanOrEqualTo(5);

        // The provider gives the engine the area's ratio over the national default.
        var snap = await db.InScopeAsync(sp => sp.GetRequiredService<ICatalogProvider>().GetCatalogAsync("519999", new DateOnly(2025, 6, 1)));
        snap!.VersionId.ShouldBe(v2.Version.VersionId);
        snap.Catalog.Find("C003").ShouldBeNull();
        snap.Catalog.Find("B002")!.SelfPayRatio("519999", new DateOnly(2025, 6, 1)).ShouldBe(0.10m);
        snap.Catalog.Find("B002")!.SelfPayRatio("510000", new DateOnly(2025, 6, 1)).ShouldBe(0.15m);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Demo_catalog_round_trips_through_the_database(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var seeded = await db.InScopeAsync(sp => sp.GetRequiredService<CatalogPolicySeeder>().SeedAsync("519999", SamplePolicyJson()));
        seeded.Succeeded.ShouldBeTrue(string.Join("；", seeded.Errors.Select(e => e.Message)));
        seeded.Value!.Items.ShouldBe(DemoCatalogGenerator.Generate().Count);

        // The seed's bulk catalog load is audited by one summary entry for the catalog version (the per-item history is in
        // catalog_entry_changes), not by one audit row per item, 先行自付比例 and change row.
        var audit = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking().ToListAsync());
        audit.Count(a => a.Entity is nameof(CatalogEntry) or nameof(CatalogEntryChange) or nameof(CatalogSelfPayRatio)).ShouldBe(0);
        var summary = audit.Where(a => a.Entity == nameof(CatalogVersion) && a.After!.Contains("批量新增", StringComparison.Ordinal)).ShouldHaveSingleItem();
        summary.After!.ShouldContain($"\"{nameof(CatalogEntry)}\":{seeded.Value.Items}");
        summary.After!.ShouldContain($"\"{nameof(CatalogEntryChange)}\":{seeded.Value.Items}");
        summary.After!.ShouldContain("demo-catalog.csv");
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().CatalogEntryChanges.CountAsync())).ShouldBe(seeded.Value.Items);

        var exported = await db.InScopeAsync(sp => sp.GetRequiredService<SearchCatalogHandler>().ExportAsync(new SearchCatalog(null, null, null)));
        var again = await Import(db, CatalogCsv.ReadRecords(new StringReader(CatalogFiles.ToCsv(exported))).Select(r => (IReadOnlyList<string>)r).ToList());
        again.Version!.Unchanged.ShouldBe(exported.Count);
        again.Version.Changed.ShouldBe(0);

        var policy = await db.InScopeAsync(sp => sp.GetRequiredService<IPolicyProvider>().GetPolicyAsync("519999", "390", new DateOnly(2025, 7, 1)));
        policy.ShouldNotBeNull();
        policy.Policy.PoolArea.ShouldBe("519999");
        // The seed carries the sample policy forward to the demo year (2026) and activates that copy too.
        var next = await db.InScopeAsync(sp => sp.GetRequiredService<IPolicyProvider>().GetPolicyAsync("519999", "390", new DateOnly(2026, 7, 1)));
        next.ShouldNotBeNull();
        next.VersionId.ShouldBe(seeded.Value.PolicyVersionId!.Value);
        next.VersionId.ShouldNotBe(policy.VersionId);
        (await db.InScopeAsync(sp => sp.GetRequiredService<IPolicyProvider>().GetPolicyAsync("519999", "390", new DateOnly(2027, 7, 1)))).ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Policy_versions_validate_by_path_activate_clone_and_diff(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var json = SamplePolicyJson();
        var bad = await db.InScopeAsync(sp => sp.GetRequiredService<SavePolicyVersionHandler>().HandleAsync(new SavePolicyVersion(json.Replace("\"pool_area\": \"999001\"", "\"pool_area\": \"9990\"", StringComparison.Ordinal))));
        bad.Succeeded.ShouldBeFalse();
        bad.Errors.ShouldContain(e => e.Message.StartsWith("$.pool_area：", StringComparison.Ordinal));
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PolicyVersions.CountAsync())).ShouldBe(0);

        var saved = await db.InScopeAsync(sp => sp.GetRequiredService<SavePolicyVersionHandler>().HandleAsync(new SavePolicyVersion(json)));
        saved.Succeeded.ShouldBeTrue(string.Join("；", saved.Errors.Select(e => e.Message)));
        var v1 = saved.Value!;
        v1.Status.ShouldBe(PolicyStatus.Draft);
        (await db.InScopeAsync(sp => sp.GetRequiredService<IPolicyProvider>().GetPolicyAsync("999001", "390", new DateOnly(2025, 3, 1)))).ShouldBeNull();

        (await db.InScopeAsync(sp => sp.GetRequiredService<ChangePolicyStatusHandler>().HandleAsync(new ChangePolicyStatus(v1.Id, PolicyStatus.Active)))).Succeeded.ShouldBeTrue();
        var edit = await db.InScopeAsync(sp => sp.GetRequiredService<SavePolicyVersionHandler>().HandleAsync(new SavePolicyVersion(json, v1.Id)));
        edit.Errors.ShouldContain(e => e.Code == "not-draft");

        var clone = await db.InScopeAsync(sp => sp.GetRequiredService<ClonePolicyToNextYearHandler>().HandleAsync(new ClonePolicyToNextYear(v1.Id)));
        clone.Succeeded.ShouldBeTrue();
        clone.Value!.EffectiveFrom.ShouldBe(new DateOnly(2026, 1, 1));
        clone.Value.EffectiveTo.ShouldBe(new DateOnly(2026, 12, 31));
        clone.Value.Code.ShouldBe("SFX-2026-01");
        clone.Value.Status.ShouldBe(PolicyStatus.Draft);

        // Edit the draft: raise one band ratio; the diff names the path.
        var doc = PolicyJson.Parse(clone.Value.Json);
        var scheme = doc.Schemes[0];
        var oldRatio = scheme.Bands[0].Ratio;
        scheme.Bands[0].Ratio = oldRatio == 1m ? 0.95m : oldRatio + 0.01m;
        var edited = await db.InScopeAsync(sp => sp.GetRequiredService<SavePolicyVersionHandler>().HandleAsync(new SavePolicyVersion(PolicyJson.Write(doc), clone.Value.Id)));
        edited.Succeeded.ShouldBeTrue(string.Join("；", edited.Errors.Select(e => e.Message)));

        var diff = await db.InScopeAsync(sp => sp.GetRequiredService<PolicyQueriesHandler>().DiffAsync(v1.Id, clone.Value.Id));
        diff.Value!.ShouldContain(d => d.Path == "$.effective_from" && d.Before == "\"2025-01-01\"" && d.After == "\"2026-01-01\"");
        diff.Value!.ShouldContain(d => d.Path == $"$.schemes[?(@.id==\"{scheme.Id}\")].bands[0].ratio");

        // Activating 2026 leaves 2025 in force (no overlap); a second 2025 version retires the first.
        (await db.InScopeAsync(sp => sp.GetRequiredService<ChangePolicyStatusHandler>().HandleAsync(new ChangePolicyStatus(clone.Value.Id, PolicyStatus.Active)))).Value!.ShouldBeEmpty();
        var second = await db.InScopeAsync(sp => sp.GetRequiredService<SavePolicyVersionHandler>().HandleAsync(new SavePolicyVersion(json)));
        var retired = await db.InScopeAsync(sp => sp.GetRequiredService<ChangePolicyStatusHandler>().HandleAsync(new ChangePolicyStatus(second.Value!.Id, PolicyStatus.Active)));
        retired.Value!.ShouldBe([v1.Id]);
        var p2025 = await db.InScopeAsync(sp => sp.GetRequiredService<IPolicyProvider>().GetPolicyAsync("999001", "390", new DateOnly(2025, 3, 1)));
        p2025!.VersionId.ShouldBe(second.Value!.Id);
        var old = await db.InScopeAsync(sp => sp.GetRequiredService<IPolicyProvider>().GetVersionAsync(v1.Id));
        old!.Policy.Id.ShouldBe("SFX-2025-01");
        (await db.InScopeAsync(sp => sp.GetRequiredService<PolicyQueriesHandler>().GetAsync(v1.Id)))!.Status.ShouldBe(PolicyStatus.Retired);
    }
}
