using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Registry;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Common;
using Yibao.Domain.Registry;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Registry;

public sealed class ImportPersonsTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly string[] Header = ["证件号码", "姓名", "统筹区", "户号", "联系电话", "住址", "险种", "人员类别", "参保日期", "单位编号"];

    private static string Id(int i) => ResidentId.Create("130123", new DateOnly(1960, 1, 1).AddDays(i * 7), 100 + (i % 800)).Value;

    private static List<IReadOnlyList<string>> File(int count, Action<int, string[]>? change = null)
    {
        var records = new List<IReadOnlyList<string>> { Header };
        for (var i = 0; i < count; i++)
        {
            string[] row = [Id(i), "居民" + i.ToString(CultureInfo.InvariantCulture), "130123", "", "13800000000", "示例村", "390", "22", "2025-01-01", ""];
            change?.Invoke(i, row);
            records.Add(row);
        }

        return records;
    }

    private static Task<PersonImportOutcome> Import(TestDatabase db, List<IReadOnlyList<string>> records, string name = "人员.xlsx") =>
        db.InScopeAsync(sp => sp.GetRequiredService<ImportPersonsHandler>().HandleAsync(new ImportPersons(name, records)));

    private static Task<(int Persons, int Enrollments, int Events, int Audits)> Counts(TestDatabase db) => db.InScopeAsync(async sp =>
    {
        var ctx = sp.GetRequiredService<AppDbContext>();
        return (await ctx.Persons.CountAsync(), await ctx.Enrollments.CountAsync(), await ctx.Enrollments.SelectMany(e => e.Events).CountAsync(),
            await ctx.AuditEntries.CountAsync(a => a.Entity == "PersonImport"));
    });

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_valid_file_writes_persons_enrollments_events_and_one_audit_entry(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await RegistryTests.SeedEmployerAsync(db);
        var before = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(
            new RegisterPerson(ResidentId.Create("130123", new DateOnly(1990, 5, 5), 11).Value, "先登记", "130123")));
        before.Value!.PersonNo.ShouldBe("1301230000000001");

        var records = File(50, (i, r) =>
        {
            if (i == 1)
            {
                r[6] = "310";
                r[7] = "在职";
                r[9] = "E001";
            }
        });
        var outcome = await Import(db, records);
        outcome.Errors.ShouldBeEmpty();
        outcome.Summary!.Persons.ShouldBe(50);
        outcome.Summary.FirstPersonNo.ShouldBe("1301230000000002");
        outcome.Summary.LastPersonNo.ShouldBe("1301230000000051");
        (await Counts(db)).ShouldBe((51, 50, 50, 1));

        var (person, enrollment, audit) = await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var p = await ctx.Persons.AsNoTracking().SingleAsync(x => x.ResidentId == ResidentId.Parse(Id(1)));
            var e = await ctx.Enrollments.AsNoTracking().Include(x => x.Events).SingleAsync(x => x.PersonId == p.Id);
            var a = await ctx.AuditEntries.AsNoTracking().SingleAsync(x => x.Entity == "PersonImport");
            return (p, e, a);
        });
        person.BirthDate.ShouldBe(ResidentId.Parse(Id(1)).BirthDate);
        person.Phone.ShouldBe("13800000000");
        enrollment.InsuranceType.ShouldBe(InsuranceType.EmployeeBasic);
        enrollment.EmployerId.ShouldNotBeNull();
        enrollment.Events.Single().Kind.ShouldBe(EnrollmentEventKind.Registered);
        audit.UserName.ShouldBe("tester");
        audit.EntityKey.ShouldBe("人员.xlsx");
        audit.After!.ShouldContain("\"行数\":50");

        // Ids continue after the bulk rows: an ordinary registration still works.
        var after = await db.InScopeAsync(sp => sp.GetRequiredService<RegisterPersonHandler>().HandleAsync(
            new RegisterPerson(ResidentId.Create("130123", new DateOnly(1991, 5, 5), 11).Value, "后登记", "130123",
                Enrollments: [new EnrollPerson("-", "390", "22", new DateOnly(2025, 1, 1))])));
        after.Errors.ShouldBeEmpty();
        after.Value!.PersonNo.ShouldBe("1301230000000052");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task One_bad_row_among_many_reports_every_error_in_Chinese_and_writes_nothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var records = File(300, (i, r) =>
        {
            switch (i)
            {
                case 100:
                    r[0] = r[0][..17] + (r[0][17] == '0' ? "1" : "0");
                    break;
                case 150:
                    r[6] = "310";
                    r[7] = "11";
                    break;
                case 200:
                    r[8] = "2025-02-30";
                    r[1] = "";
                    break;
                case 250:
                    r[9] = "E404";
                    break;
            }
        });
        var outcome = await Import(db, records);
        outcome.Succeeded.ShouldBeFalse();
        outcome.Errors.Select(e => e.ToString()).ShouldBe(
        [
            "第 102 行，证件号码：" + outcome.Errors[0].Message,
            "第 152 行，参保单位：在职职工参加职工基本医疗保险必须有参保单位",
            "第 202 行，姓名：不能为空",
            "第 202 行，参保日期：“2025-02-30”不是有效日期（格式 yyyy-MM-dd）",
            "第 252 行，单位编号：未找到单位编号“E404”",
        ]);
        outcome.Errors[0].Message.ShouldStartWith("公民身份号码校验码错误");
        (await Counts(db)).ShouldBe((0, 0, 0, 0));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_person_twice_in_the_file_is_refused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var records = File(20, (i, r) => r[0] = i == 15 ? Id(3).ToLowerInvariant() : r[0]);
        var outcome = await Import(db, records, "人员.csv");
        outcome.Errors.Select(e => e.ToString()).ShouldBe(["第 17 行，证件号码：与第 5 行重复（同一人在文件中只能出现一次）"]);
        (await Counts(db)).ShouldBe((0, 0, 0, 0));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_person_already_registered_is_refused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        (await Import(db, File(3))).Succeeded.ShouldBeTrue();
        var outcome = await Import(db, File(5));
        outcome.Errors.Select(e => e.ToString()).ShouldBe([
            $"第 2 行，证件号码：{RegisterPersonHandler.Mask(Id(0))} 已登记，不能重复登记",
            $"第 3 行，证件号码：{RegisterPersonHandler.Mask(Id(1))} 已登记，不能重复登记",
            $"第 4 行，证件号码：{RegisterPersonHandler.Mask(Id(2))} 已登记，不能重复登记",
        ]);
        (await Counts(db)).ShouldBe((3, 3, 3, 1));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_header_without_required_columns_is_refused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var outcome = await Import(db, [["证件号码", "姓名", "性别"], [Id(0), "张三", "1"]]);
        outcome.Errors.Select(e => e.ToString()).ShouldContain("第 1 行，性别：不是模板中的列名（可用列：证件号码、姓名、统筹区、户号、联系电话、住址、险种、人员类别、参保日期、单位编号）");
        outcome.Errors.Select(e => e.ToString()).ShouldContain("第 1 行，统筹区：缺少必需的列");
    }
}
