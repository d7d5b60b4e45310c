using Yibao.Domain.Budget.Model;

namespace Yibao.Domain.Tests.Budget;

/// <summary>Locates samples/budgets in the repository.</summary>
public static class BudgetSampleFiles
{
    public static string Folder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "samples", "budgets")))
            {
                dir = dir.Parent;
            }
            return dir is null ? throw new DirectoryNotFoundException("samples/budgets") : Path.Combine(dir.FullName, "samples", "budgets");
        }
    }

    public static string PathOf(string name) => Path.Combine(Folder, name + ".json");

    public static DepartmentBudget Load(string name) => BudgetJson.Parse(File.ReadAllText(PathOf(name)));

    public static TheoryData<string> Names => new("zhengding-2018", "dacheng-2023", "miyi-2020", "yanchi-2024", "zhenan-2023");
}
