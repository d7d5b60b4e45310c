using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Budget;
using Yibao.Application.Common;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Budget;
using Yibao.Domain.Budget.Disclosure;
using Yibao.Domain.Budget.Model;
using Yibao.Domain.Catalogs;
using Yibao.Infrastructure.Persistence;
using Yibao.Infrastructure.Reports.Budget;

namespace Yibao.Application.Tests.Budget;

/// <summary>Budget entry on both engines: create with the prior-year link, save tables, Excel tables import, classification catalog import.</summary>
public sealed class BudgetEntryTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static Task<AppResult<StoredBudget>> Import(TestDatabase db, string json) =>
        db.InScopeAsync(sp => sp.GetRequiredService<ImportBudgetHandler>().HandleAsync(new ImportBudget(json, "test.json")));

    private static Task<AppResult<StoredBudget>> Create(TestDatabase db, CreateBudget c) =>
        db.InScopeAsync(sp => sp.GetRequiredService<CreateBudgetHandler>().HandleAsync(c));

    private static Task<BudgetDetail?> Get(TestDatabase db, long id) =>
        db.InScopeAsync(sp => sp.GetRequiredService<GetBudgetHandler>().HandleAsync(new GetBudget(id)));

    private static Task<AppResult<StoredBudget>> Change(TestDatabase db, long id, BudgetStatus to, DateOnly? approved = null) =>
        db.InScopeAsync(sp => sp.GetRequiredService<ChangeBudgetStatusHandler>().HandleAsync(new ChangeBudgetStatus(id, to, approved)));

    private static CreateBudget New(int year = 2026, string phase = "预算", string code = "901001") => new(code, "示范县医疗保障局", "行政", year, phase, 10, 9, 2);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Create_links_prior_year_figures_from_last_years_stored_budget_preferring_an_approved_final_account(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var lastYear = (await Import(db, SmallBudget.Json(year: 2025))).Value!;

        var created = await Create(db, New());
        created.Succeeded.ShouldBeTrue(string.Join("；", created.Errors.Select(e => e.Message)));
        var d = (await Get(db, created.Value!.Id))!;
        d.Stored.Status.ShouldBe(BudgetStatus.Drafting);
        d.Stored.Version.ShouldBe(1);
        d.Model.Prior!.IsLinked.ShouldBeTrue();
        d.Model.Prior.Source!.ShouldContain("示范县医疗保障局2025年预算第 1 版");
        d.Model.Prior["expense"].ShouldBe(1_000_000m);
        d.Model.Prior.Year.ShouldBe(2025);

        // a 决算 counts only once approved
        var finalJson = SmallBudget.Json(projectAmount: 150000m, year: 2025).Replace("\"phase\": \"预算\"", "\"phase\": \"决算\"", StringComparison.Ordinal)
            .Replace("\"amount\": 1000000", "\"amount\": 950000", StringComparison.Ordinal);
        var final = (await Import(db, finalJson)).Value!;
        (await Create(db, New())).Value!.ToModel().Prior!.Source!.ShouldContain("2025年预算");
        (await Change(db, final.Id, BudgetStatus.Submitted)).Succeeded.ShouldBeTrue();
        (await Change(db, final.Id, BudgetStatus.Approved, new DateOnly(2026, 3, 1))).Succeeded.ShouldBeTrue();
        var third = (await Create(db, New())).Value!;
        third.Version.ShouldBe(3);
        third.ToModel().Prior!.Source!.ShouldContain("2025年决算");
        third.ToModel().Prior!["expense"].ShouldBe(950000m);

        // no prior budget: nothing linked, figures are entered
        var other = (await Create(db, New(code: "901002"))).Value!;
        other.ToModel().Prior.ShouldBeNull();
        var relink = await db.InScopeAsync(sp => sp.GetRequiredService<LinkPriorYearHandler>().HandleAsync(new LinkPriorYear(other.Id)));
        relink.Errors.Single().Message.ShouldStartWith("上年数：没有");

        var bad = await Create(db, new CreateBudget("", "", "局", 1990, "季度", -1));
        bad.Errors.Select(e => e.Message).ShouldBe(["单位编码：必填", "单位名称：必填", "单位性质：应为 行政、参照公务员法管理、公益一类、公益二类", "类型：应为 预算、决算", "预算年度：应在 2000–2100 之间", "编制人数：应为 0–100000 的整数"], ignoreOrder: true);
        lastYear.Id.ShouldBeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Tables_saved_on_the_screens_are_stored_validated_and_refused_once_submitted(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = (await Create(db, New())).Value!.Id;
        var model = (await Get(db, id))!.Model;
        var errors = new List<ImportRowError>();
        model = BudgetEntryTables.Apply(BudgetEntryTables.Revenue, model, [["一般公共预算拨款", "1000000"]], 1, errors);
        model = BudgetEntryTables.Apply(BudgetEntryTables.Lines, model, [
            ["2101501", "", "30101", "50101", "一般公共预算拨款", "基本", "人员", "", "600000", ""],
            ["2101501", "", "30201", "50201", "一般公共预算拨款", "基本", "公用", "", "200000", ""],
            ["2101550", "", "30201", "50201", "一般公共预算拨款", "项目", "", "P1", "250000", ""]], 1, errors);
        model = BudgetEntryTables.Apply(BudgetEntryTables.Projects, model, [["P1", "医保经办服务项目", "经办服务"]], 1, errors);
        errors.ShouldBeEmpty();
        var saved = await db.InScopeAsync(sp => sp.GetRequiredService<SaveBudgetDraftHandler>().HandleAsync(new SaveBudgetDraft(id, model)));
        saved.Succeeded.ShouldBeTrue();
        var d = (await Get(db, id))!;
        d.Model.Lines.Count.ShouldBe(3);
        d.Findings.ShouldContain(f => f.Rule == RuleCatalog.BudgetSource.Id && f.Severity == FindingSeverity.Error);

        model = BudgetEntryTables.Apply(BudgetEntryTables.Lines, d.Model, [
            ["2101501", "", "30101", "50101", "一般公共预算拨款", "基本", "人员", "", "600000", ""],
            ["2101501", "", "30201", "50201", "一般公共预算拨款", "基本", "公用", "", "200000", ""],
            ["2101550", "", "30201", "50201", "一般公共预算拨款", "项目", "", "P1", "200000", ""]], 1, errors);
        (await db.InScopeAsync(sp => sp.GetRequiredService<SaveBudgetDraftHandler>().HandleAsync(new SaveBudgetDraft(id, model)))).Succeeded.ShouldBeTrue();
        (await Get(db, id))!.Errors.ShouldBe(0, string.Join("；", (await Get(db, id))!.Findings.Select(f => f.Message)));

        (await Change(db, id, BudgetStatus.Submitted)).Succeeded.ShouldBeTrue();
        var refused = await db.InScopeAsync(sp => sp.GetRequiredService<SaveBudgetDraftHandler>().HandleAsync(new SaveBudgetDraft(id, model)));
        refused.Errors.Single().Message.ShouldStartWith("状态：预算为“已报送”");
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(a => a.Entity.Contains("Budget")))).ShouldBeGreaterThanOrEqualTo(3);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_Excel_template_round_trips_and_a_bad_workbook_changes_nothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = (await Import(db, SmallBudget.Json(projectAmount: 250000m))).Value!.Id;
        var before = (await Get(db, id))!;
        var template = await BudgetWorkbook.TemplateAsync(before.Model, null, TestContext.Current.CancellationToken);
        var sheets = BudgetWorkbook.Read(new MemoryStream(template));
        sheets.Select(s => s.Sheet).ShouldContain("支出明细");
        sheets.Single(s => s.Sheet == "支出明细").Records.Count.ShouldBe(4);

        // fix the project line in the workbook's rows, and break the revenue sheet
        var lines = sheets.Single(s => s.Sheet == "支出明细").Records.Select(r => r.ToList()).ToList();
        var amount = lines[0].IndexOf("金额（元）");
        lines[3][amount] = "200000";
        var revenue = sheets.Single(s => s.Sheet == "收入").Records.Select(r => r.ToList()).ToList();
        revenue[1][1] = "一百万";
        var bad = await db.InScopeAsync(sp => sp.GetRequiredService<ImportBudgetTablesHandler>().HandleAsync(new ImportBudgetTables(id,
            [("收入", revenue.Cast<IReadOnlyList<string>>().ToList()), ("支出明细", lines.Cast<IReadOnlyList<string>>().ToList()), ("随便", [])])));
        bad.Succeeded.ShouldBeFalse();
        bad.Errors.Select(e => e.Message).ShouldContain("工作表“收入”第2行 金额（元）：“一百万”不是数字");
        bad.Errors.ShouldContain(e => e.Message.StartsWith("工作表“随便”：不是标准表", StringComparison.Ordinal));
        (await Get(db, id))!.Stored.Json.ShouldBe(before.Stored.Json);

        var good = await db.InScopeAsync(sp => sp.GetRequiredService<ImportBudgetTablesHandler>().HandleAsync(new ImportBudgetTables(id,
            [("填表说明", []), ("支出明细", lines.Cast<IReadOnlyList<string>>().ToList())])));
        good.Succeeded.ShouldBeTrue(string.Join("；", good.Errors.Select(e => e.Message)));
        var after = (await Get(db, id))!;
        after.Model.Lines.Sum(l => l.Amount).ShouldBe(1_000_000m);
        after.Model.Revenue.ShouldBe(before.Model.Revenue);
        after.Errors.ShouldBe(0);
    }

    private static List<IReadOnlyList<string>> Csv(params string[] lines) =>
        [.. CatalogCsv.ReadRecords(new StringReader(string.Join("\n", lines))).Select(r => (IReadOnlyList<string>)r)];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_imported_catalog_is_stored_per_year_replaces_its_kind_and_validates_that_years_budgets(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var handler = (IServiceProvider sp) => sp.GetRequiredService<ImportClassificationCatalogHandler>();
        var bad = await db.InScopeAsync(sp => handler(sp).HandleAsync(new ImportClassificationCatalog(Csv(
            "年度,分类类型,编码,名称,上级编码,对应政府经济分类", "2026,功能,2101506,医疗保障经办事务,21015,"))));
        bad.Errors.Single().Message.ShouldBe("第2行 上级编码：上级科目 21015 不在文件的 2026 年功能分类中");
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().BudgetClassifications.CountAsync())).ShouldBe(0);

        string[] full =
        [
            "年度,分类类型,编码,名称,上级编码,对应政府经济分类",
            "2026,功能,210,卫生健康支出,,", "2026,功能,21015,医疗保障管理事务,210,",
            "2026,功能,2101501,行政运行,21015,", "2026,功能,2101506,医疗保障经办事务,21015,",
        ];
        var ok = await db.InScopeAsync(sp => handler(sp).HandleAsync(new ImportClassificationCatalog(Csv(full))));
        ok.Succeeded.ShouldBeTrue(string.Join("；", ok.Errors.Select(e => e.Message)));
        ok.Value!.Describe().ShouldBe("2026 年功能分类 4 个科目（替换原有 0 个）");
        var again = await db.InScopeAsync(sp => handler(sp).HandleAsync(new ImportClassificationCatalog(Csv(full))));
        again.Value!.Describe().ShouldBe("2026 年功能分类 4 个科目（替换原有 4 个）");
        (await db.InScopeAsync(sp => sp.GetRequiredService<BudgetCatalogs>().SummaryAsync())).Single().Count.ShouldBe(4);

        // SmallBudget (2026) uses 2101550, which the imported 2026 catalog does not list
        var id = (await Import(db, SmallBudget.Json())).Value!.Id;
        var d = (await Get(db, id))!;
        d.Findings.ShouldContain(f => f.Rule == RuleCatalog.ClassCode.Id && f.Severity == FindingSeverity.Error && f.Message.Contains("2101550", StringComparison.Ordinal));
        var d2025 = (await Get(db, (await Import(db, SmallBudget.Json(year: 2025))).Value!.Id))!;
        d2025.Findings.ShouldNotContain(f => f.Rule == RuleCatalog.ClassCode.Id && f.Severity == FindingSeverity.Error);
    }
}
