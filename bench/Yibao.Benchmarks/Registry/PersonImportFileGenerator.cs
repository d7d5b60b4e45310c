using System.Globalization;
using Yibao.Domain.Common;
using Yibao.Infrastructure.Registry;

namespace Yibao.Benchmarks.Registry;

/// <summary>
/// Writes a valid 参保登记批量导入 file of N persons for timing <c>yibao person import</c> (docs/formats/person-import.md):
/// unique valid 证件号码 (division 110105, birth dates 1940–2020), 390 residents by age (学生/儿童, 成年居民, 老年居民),
/// some 310 退休 and 灵活就业 (no employer needed), phones and addresses.
/// Run: dotnet run -c Release --project bench/Yibao.Benchmarks -- person-import-file /tmp/persons-100k.xlsx 100000 [统筹区]
/// </summary>
public static class PersonImportFileGenerator
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
    private static readonly string[] Given = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟"];

    public static IEnumerable<string[]> Rows(int count, string pool)
    {
        var first = new DateOnly(1940, 1, 1);
        var days = new DateOnly(2020, 12, 31).DayNumber - first.DayNumber + 1;
        for (var i = 0; i < count; i++)
        {
            var birth = first.AddDays(i % days);
            var seq = (i / days) + 1;
            var id = ResidentId.Create("110105", birth, seq).Value;
            var age = 2025 - birth.Year;
            string insutype, category;
            if (i % 10 == 7 && age >= 60)
            {
                (insutype, category) = ("310", "12");
            }
            else if (i % 10 == 3 && age is >= 18 and < 60)
            {
                (insutype, category) = ("310", "13");
            }
            else
            {
                (insutype, category) = ("390", age < 18 ? "21" : age < 60 ? "22" : "23");
            }

            var begin = birth.Year >= 2020 ? birth.AddDays(30) : new DateOnly(2020, 1, 1);
            yield return
            [
                id, Surnames[i % Surnames.Length] + Given[(i / 10) % Given.Length], pool, "",
                (i % 3 == 0 ? "139" + (10_000_000 + i).ToString(Inv) : ""),
                (i % 2 == 0 ? string.Create(Inv, $"示范县示例镇示例村 {i % 500 + 1} 号") : ""),
                insutype, category, begin.ToString("yyyy-MM-dd", Inv), "",
            ];
        }
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var path = args.Length > 1 ? args[1] : "persons.xlsx";
        var count = args.Length > 2 ? int.Parse(args[2], NumberStyles.None, Inv) : 100_000;
        var pool = args.Length > 3 ? args[3] : "130123";
        await using var stream = File.Create(path);
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            await using var w = new StreamWriter(stream, new System.Text.UTF8Encoding(true));
            await w.WriteLineAsync(string.Join(',', Yibao.Domain.Registry.PersonImportParser.Columns));
            foreach (var r in Rows(count, pool))
            {
                await w.WriteLineAsync(string.Join(',', r));
            }
        }
        else
        {
            await PersonImportFiles.WriteXlsxAsync(stream, Rows(count, pool));
        }

        await Console.Out.WriteLineAsync(string.Create(Inv, $"已写出 {count} 行到 {Path.GetFullPath(path)}"));
        return 0;
    }
}
