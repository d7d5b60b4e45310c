using Yibao.Domain.Policies;

namespace Yibao.Domain.Tests.Policies;

public class PolicyDiffTests
{
    [Fact]
    public void Numbers_are_compared_by_value_and_bands_by_path()
    {
        const string before = """{"id":"A","layers":[{"id":"dabing","threshold":15000.00,"bands":[{"from":15000,"to":100000,"ratio":0.60},{"from":100000,"ratio":0.7}]}]}""";
        const string after = """{"id":"A","layers":[{"id":"dabing","threshold":15000,"bands":[{"from":15000,"to":100000,"ratio":0.6},{"from":100000,"ratio":0.75}]}]}""";
        var lines = PolicyDiff.Compare(before, after);
        lines.ShouldHaveSingleItem();
        lines[0].Path.ShouldBe("$.layers[?(@.id==\"dabing\")].bands[1].ratio");
        lines[0].Before.ShouldBe("0.7");
        lines[0].After.ShouldBe("0.75");
        lines[0].Kind.ShouldBe("修改");
    }
}
