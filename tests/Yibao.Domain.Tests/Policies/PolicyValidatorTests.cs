using Yibao.Domain.Policies;
using Yibao.Domain.Tests.Settlement;

namespace Yibao.Domain.Tests.Policies;

public class PolicyValidatorTests
{
    private static PolicyDocument Sample() => Fixtures.LoadSampleDocument();

    [Fact]
    public void Sample_policy_is_valid_and_round_trips()
    {
        var doc = Sample();
        PolicyValidator.Validate(doc).ShouldBeEmpty();
        doc.Sources.Count.ShouldBeGreaterThan(3);
        var again = PolicyJson.Parse(PolicyJson.Write(doc));
        PolicyJson.Write(again).ShouldBe(PolicyJson.Write(doc));
    }

    [Fact]
    public void Source_kind_and_published_date_are_checked()
    {
        var doc = Sample();
        doc.Sources.Add(new PolicySource { Title = "某页面", Url = "http://example.org/a", Kind = "blog", Published = "2024-13-01" });
        doc.Sources.Add(new PolicySource { Title = " ", Kind = "official", Published = "2024-03" });
        var errors = PolicyValidator.Validate(doc);
        var i = doc.Sources.Count - 2;
        errors.ShouldContain($"$.sources[{i}].kind：页面类型“blog”无效（应为 official/mirror/third_party）");
        errors.ShouldContain($"$.sources[{i}].published：发布日期“2024-13-01”无效（应为 yyyy-MM-dd、yyyy-MM 或 yyyy）");
        errors.ShouldContain($"$.sources[{i + 1}].title：出处标题不能为空");
        errors.ShouldNotContain(e => e.StartsWith($"$.sources[{i + 1}].published", StringComparison.Ordinal));

        doc.Sources.RemoveRange(i, 2);
        doc.Sources.Add(new PolicySource { Title = "某页面", Kind = "mirror", Published = "2012" });
        PolicyValidator.Validate(doc).ShouldBeEmpty();
        PolicyJson.Write(doc).ShouldContain("\"kind\": \"mirror\"");
    }

    [Fact]
    public void Ratio_outside_0_1_names_the_path()
    {
        var doc = Sample();
        doc.Schemes[2].Bands[0].Ratio = 1.5m;
        PolicyValidator.Validate(doc).ShouldContain("$.schemes[2].bands[0].ratio：比例必须在 0–1 之间");
    }

    [Fact]
    public void Overlapping_and_gapped_bands_are_rejected()
    {
        var doc = Sample();
        var layer = doc.Layers.FindIndex(l => l.Id == "dabing");
        doc.Layers[layer].Bands[1].From = 90000m;
        PolicyValidator.Validate(doc).ShouldContain($"$.layers[{layer}].bands[1].from：与上一段重叠");
        doc.Layers[layer].Bands[1].From = 120000m;
        PolicyValidator.Validate(doc).ShouldContain($"$.layers[{layer}].bands[1].from：与上一段之间有空档");
    }

    [Fact]
    public void Cap_below_threshold_is_rejected()
    {
        var doc = Sample();
        var layer = doc.Layers.FindIndex(l => l.Id == "jz-dibao");
        doc.Layers[layer].AnnualCap = 500m;
        PolicyValidator.Validate(doc).ShouldContain($"$.layers[{layer}].annual_cap：封顶线（500）低于起付标准（1000）");

        var doc2 = Sample();
        doc2.Schemes[0].AnnualCap = 100m;
        PolicyValidator.Validate(doc2).ShouldContain(e => e.StartsWith("$.schemes[0].annual_cap：封顶线（100）低于起付线（200）", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_and_duplicate_combinations_are_reported()
    {
        var doc = Sample();
        doc.Schemes.RemoveAll(s => s.Id == "r-ip-unfiled");
        var errors = PolicyValidator.Validate(doc);
        errors.ShouldContain(e => e.StartsWith("$.schemes：缺少组合 险种390 × 人员类别21 × 住院 × 机构等级0 × 异地未备案", StringComparison.Ordinal));

        var doc2 = Sample();
        doc2.Schemes[0].Places = null; // 一级居民住院 now also matches filed/unfiled
        PolicyValidator.Validate(doc2).ShouldContain(e => e.Contains("与 $.schemes[0] 重叠", StringComparison.Ordinal));
    }

    [Fact]
    public void Undefined_codes_and_bad_insutype_are_reported()
    {
        var doc = Sample();
        doc.Schemes[0].Insutype = "399";
        doc.Layers[0].Statuses = ["nobody"];
        doc.PoolArea = "12";
        var errors = PolicyValidator.Validate(doc);
        errors.ShouldContain(e => e.StartsWith("$.schemes[0].insutype：险种“399”不是国家险种代码", StringComparison.Ordinal));
        errors.ShouldContain("$.layers[0].statuses[0]：特殊身份“nobody”未定义");
        errors.ShouldContain("$.pool_area：统筹区必须是 6 位行政区划代码");
        Should.Throw<PolicyValidationException>(() => CompiledPolicy.Compile(doc));
    }

    [Fact]
    public void Malformed_json_throws_with_path()
    {
        var ex = Should.Throw<System.Text.Json.JsonException>(() => PolicyJson.Parse("""{"id":"x","schemes":[{"bands":[{"ratio":"abc"}]}]}"""));
        ex.Path.ShouldNotBeNull().ShouldContain("ratio");
    }
}
