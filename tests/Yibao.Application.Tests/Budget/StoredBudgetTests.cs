using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Budget;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Budget.Disclosure;
using Yibao.Domain.Budget.Model;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Budget;

public sealed class StoredBudgetTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static Task<Yibao.Application.Common.AppResult<Domain.Budget.StoredBudget>> Import(TestDatabase db, string json) =>
        db.InScopeAsync(sp => sp.GetRequiredService<ImportBudgetHandler>().HandleAsync(new ImportBudget(json, "test.json")));

    private static Task<Yibao.Application.Common.AppResult<Domain.Budget.StoredBudget>> Change(TestDatabase db, ChangeBudgetStatus c) =>
        db.InScopeAsync(sp => sp.GetRequiredService<ChangeBudgetStatusHandler>().HandleAsync(c));

    private static Task<BudgetDetail?> Get(TestDatabase db, long id) =>
        db.InScopeAsync(sp => sp.GetRequiredService<GetBudgetHandler>().HandleAsync(new GetBudget(id)));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_keeps_the_document_and_indexes_the_header_in_drafting(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var r = await Import(db, SmallBudget.Json());
        r.Succeeded.ShouldBeTrue(string.Join("；", r.Errors.Select(e => e.Message)));
        var d = (await Get(db, r.Value!.Id))!;
        d.Stored.UnitName.ShouldBe("示范县医疗保障局");
        d.Stored.Year.ShouldBe(2026);
        d.Stored.Phase.ShouldBe(BudgetPhase.Budget);
        d.Stored.Status.ShouldBe(BudgetStatus.Drafting);
        d.Stored.CreatedBy.ShouldBe("tester");
        d.Stored.Json.ShouldBe(SmallBudget.Json());
        d.Errors.ShouldBe(0, string.Join("；", d.Findings.Select(f => f.Rule + " " + f.Message)));

        var again = await Import(db, SmallBudget.Json());
        again.Succeeded.ShouldBeFalse();
        again.Errors[0].Message.ShouldStartWith("版本：");

        var list = await db.InScopeAsync(sp => sp.GetRequiredService<ListBudgetsHandler>().HandleAsync(new ListBudgets(Year: 2026)));
        list.TotalCount.ShouldBe(1);
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.Select(a => a.Entity).ToListAsync())).ShouldContain(e => e.Contains("Budget", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_bad_file_is_refused_with_Chinese_field_errors_and_nothing_written(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var r = await Import(db, """{ "format": "yibao-budget/1", "year": 2025, "phase": "季度" }""");
        r.Succeeded.ShouldBeFalse();
        r.Errors.ShouldContain(e => e.Message.Contains("phase", StringComparison.Ordinal) && e.Message.Contains("预算", StringComparison.Ordinal));
        (await Import(db, "")).Errors[0].Message.ShouldBe("预算文件：不能为空");
        (await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Budgets.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Workflow_requires_approval_date_refuses_publishing_with_errors_and_flags_the_deadline(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = (await Import(db, SmallBudget.Json(projectAmount: 250000m))).Value!.Id;
        var bad = (await Get(db, id))!;
        bad.Findings.ShouldContain(f => f.Severity == FindingSeverity.Error && f.Rule == "BGT-SOURCE");

        (await Change(db, new ChangeBudgetStatus(id, BudgetStatus.Published))).Errors[0].Message.ShouldContain("不能从“编制中”改为“已公开”");
        (await Change(db, new ChangeBudgetStatus(id, BudgetStatus.Submitted))).Succeeded.ShouldBeTrue();
        (await Change(db, new ChangeBudgetStatus(id, BudgetStatus.Approved))).Errors[0].Message.ShouldBe("批复日期：改为“已批复”时必填");
        (await Change(db, new ChangeBudgetStatus(id, BudgetStatus.Approved, new DateOnly(2026, 2, 1)))).Succeeded.ShouldBeTrue();

        var refused = await Change(db, new ChangeBudgetStatus(id, BudgetStatus.Published));
        refused.Succeeded.ShouldBeFalse();
        refused.Errors[0].Message.ShouldStartWith("公开：预算校验有");
        var row = (await Get(db, id))!.Row;
        row.Status.ShouldBe(BudgetStatus.Approved);
        row.Deadline.ShouldBe(new DateOnly(2026, 2, 21));
        row.Late.ShouldBeTrue();

        // replacing is only possible while 编制中
        var replace = await db.InScopeAsync(sp => sp.GetRequiredService<ReplaceBudgetDocumentHandler>().HandleAsync(new ReplaceBudgetDocument(id, SmallBudget.Json())));
        replace.Errors[0].Message.ShouldContain("只有“编制中”的预算可以替换文件");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_corrected_budget_is_approved_and_published_and_listed_publicly(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = (await Import(db, SmallBudget.Json(projectAmount: 250000m))).Value!.Id;
        var fixedUp = await db.InScopeAsync(sp => sp.GetRequiredService<ReplaceBudgetDocumentHandler>().HandleAsync(new ReplaceBudgetDocument(id, SmallBudget.Json())));
        fixedUp.Succeeded.ShouldBeTrue();
        (await Change(db, new ChangeBudgetStatus(id, BudgetStatus.Submitted))).Succeeded.ShouldBeTrue();
        (await Change(db, new ChangeBudgetStatus(id, BudgetStatus.Approved, new DateOnly(2026, 2, 20)))).Succeeded.ShouldBeTrue();
        var pub = await Change(db, new ChangeBudgetStatus(id, BudgetStatus.Published));
        pub.Succeeded.ShouldBeTrue(string.Join("；", pub.Errors.Select(e => e.Message)));

        var d = (await Get(db, id))!;
        d.Stored.PublishedOn.ShouldBe(new DateOnly(2026, 3, 2));
        d.Stored.PublicAddress.ShouldBe($"/public/disclosures/{id}");
        d.Row.Late.ShouldBeFalse();
        d.Model.Status.ShouldBe(BudgetStatus.Published);
        var pubList = await db.InScopeAsync(sp => sp.GetRequiredService<ListBudgetsHandler>().HandleAsync(new ListBudgets(PublishedOnly: true)));
        pubList.Items.Single().Id.ShouldBe(id);
    }
}
