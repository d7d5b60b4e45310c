using Yibao.Domain.Budget.Disclosure;
using Yibao.Domain.Budget.Model;

namespace Yibao.Domain.Tests.Budget;

public class BudgetSampleTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(BudgetSampleFiles.Names), MemberType = typeof(BudgetSampleFiles))]
    public void Dump(string name)
    {
        var b = BudgetSampleFiles.Load(name);
        foreach (var f in BudgetValidator.Validate(b))
        {
            output.WriteLine($"{f.Severity} {f.Rule} {f.Message} @ {f.Location}");
        }
        var d = DisclosureComposer.Compose(b, DisclosureProfiles.Find(b.Profile)!);
        var text = d.ToPlainText();
        output.WriteLine("---- checker");
        foreach (var f in DisclosureChecker.Check(name + ".txt", text))
        {
            output.WriteLine($"{f.Severity} {f.Rule} {f.Message} @ {f.Location}");
        }
        File.WriteAllText(Path.Combine(Path.GetTempPath(), name + ".txt"), text);
    }
}
