using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Catalogs;
using Yibao.Application.Tests.Common;

namespace Yibao.Application.Tests.Catalogs;

/// <summary>诊断目录 / 手术操作目录: import upserts by code, all-or-nothing; search by code prefix or name, paged and ordered.</summary>
public sealed class CodeTableTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static List<IReadOnlyList<string>> Rows(params string[][] rows) => rows.Select(r => (IReadOnlyList<string>)r).ToList();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_then_search_by_code_prefix_and_by_name_with_paging(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var first = await db.InScopeAsync(sp => sp.GetRequiredService<ImportCodeTableHandler>().HandleAsync(new ImportCodeTable(false, Rows(
            ["diag_code", "diag_name"], ["E11.900", "2型糖尿病"], ["E10.900", "1型糖尿病"], ["I10.x00", "原发性高血压"], ["J18.900", "肺炎"]))));
        first.Added.ShouldBe(4);

        var renamed = await db.InScopeAsync(sp => sp.GetRequiredService<ImportCodeTableHandler>().HandleAsync(new ImportCodeTable(false, Rows(
            ["diag_code", "diag_name"], ["J18.900", "肺炎，未特指"], ["K35.800", "急性阑尾炎"]))));
        (renamed.Added, renamed.Changed).ShouldBe((1, 1));

        var rejected = await db.InScopeAsync(sp => sp.GetRequiredService<ImportCodeTableHandler>().HandleAsync(new ImportCodeTable(false, Rows(
            ["diag_code", "diag_name"], ["Z99.000", "新条目"], ["E11.900", ""]))));
        rejected.Errors.ShouldHaveSingleItem().Row.ShouldBe(3);

        var search = (SearchCodeTable q) => db.InScopeAsync(sp => sp.GetRequiredService<SearchCodeTableHandler>().HandleAsync(q));
        (await search(new SearchCodeTable(false, "E1"))).Items.Select(r => r.Code).ShouldBe(["E10.900", "E11.900"]);
        (await search(new SearchCodeTable(false, "糖尿病"))).TotalCount.ShouldBe(2);
        (await search(new SearchCodeTable(false, "肺炎"))).Items.ShouldHaveSingleItem().Name.ShouldBe("肺炎，未特指");
        (await search(new SearchCodeTable(false, "Z99"))).TotalCount.ShouldBe(0);
        (await search(new SearchCodeTable(true, "E11"))).TotalCount.ShouldBe(0);

        var page2 = await search(new SearchCodeTable(false, null, Page: 2, PageSize: 2));
        (page2.TotalCount, page2.PageCount).ShouldBe((5, 3));
        page2.Items.Select(r => r.Code).ShouldBe(["I10.x00", "J18.900"]);
    }
}
