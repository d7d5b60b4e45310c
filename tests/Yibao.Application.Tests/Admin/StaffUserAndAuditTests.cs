using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Yibao.Application.Admin;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Admin;
using Yibao.Domain.Common;
using Yibao.Domain.Registry;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Admin;

public sealed class StaffUserAndAuditTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Creating_a_user_writes_an_audit_entry_with_after_values_and_no_secrets(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.User.UserName = "admin";

        var result = await db.InScopeAsync(sp => sp.GetRequiredService<CreateStaffUserHandler>()
            .HandleAsync(new CreateStaffUser("zhangsan", "张三", [Roles.Clerk]), TestContext.Current.CancellationToken));

        result.Succeeded.ShouldBeTrue(string.Join("；", result.Errors.Select(e => e.Message)));
        result.Value!.InitialPassword.Length.ShouldBeGreaterThanOrEqualTo(10);
        result.Value.User.Roles.ShouldBe([Roles.Clerk]);
        result.Value.User.MustChangePassword.ShouldBeTrue();

        var entries = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking().ToListAsync());
        var userEntry = entries.Single(e => e.Entity == "StaffUser" && e.Action == AuditActions.Added);
        userEntry.UserName.ShouldBe("admin");
        userEntry.UserId.ShouldBe("test-user-id");
        userEntry.EntityKey.ShouldBe(result.Value.User.Id);
        userEntry.Before.ShouldBeNull();
        userEntry.AtUtc.ShouldBe(new DateTime(2026, 3, 2, 1, 30, 0, DateTimeKind.Utc));
        using var after = JsonDocument.Parse(userEntry.After!);
        after.RootElement.GetProperty("UserName").GetString().ShouldBe("zhangsan");
        after.RootElement.GetProperty("DisplayName").GetString().ShouldBe("张三");
        after.RootElement.TryGetProperty("PasswordHash", out _).ShouldBeFalse();
        after.RootElement.TryGetProperty("SecurityStamp", out _).ShouldBeFalse();
        entries.ShouldContain(e => e.Entity == "IdentityUserRole" && e.Action == AuditActions.Added);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rows_added_together_are_one_audit_entry_listing_every_row(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.User.UserName = "clerk";
        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            ctx.Areas.AddRange(
                new Area { Code = "990101", Name = "甲乡", Level = AreaLevel.Township },
                new Area { Code = "990102", Name = "乙乡", Level = AreaLevel.Township },
                new Area { Code = "990103", Name = "丙乡", Level = AreaLevel.Township });
            return await ctx.SaveChangesAsync();
        });
        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            ctx.Areas.Add(new Area { Code = "990104", Name = "丁乡", Level = AreaLevel.Township });
            return await ctx.SaveChangesAsync();
        });

        var entries = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Entity == nameof(Area) && e.EntityKey.StartsWith("9901")).OrderBy(e => e.Id).ToListAsync());
        entries.Count.ShouldBe(2);

        // Three areas saved together: one entry, keys first…last, every row with all its values.
        var batch = entries[0];
        batch.Action.ShouldBe(AuditActions.Added);
        batch.UserName.ShouldBe("clerk");
        batch.EntityKey.ShouldBe("990101…990103");
        using (var after = JsonDocument.Parse(batch.After!))
        {
            after.RootElement.GetProperty("新增行数").GetInt32().ShouldBe(3);
            var rows = after.RootElement.GetProperty("各行").EnumerateArray().ToList();
            rows.Select(r => r.GetProperty("Code").GetString()).ShouldBe(["990101", "990102", "990103"]);
            rows.Select(r => r.GetProperty("Name").GetString()).ShouldBe(["甲乡", "乙乡", "丙乡"]);
        }

        // One row alone keeps the ordinary shape.
        entries[1].EntityKey.ShouldBe("990104");
        using var single = JsonDocument.Parse(entries[1].After!);
        single.RootElement.GetProperty("Name").GetString().ShouldBe("丁乡");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Disabling_a_user_records_before_and_after(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var created = await db.InScopeAsync(sp => sp.GetRequiredService<CreateStaffUserHandler>()
            .HandleAsync(new CreateStaffUser("lisi", "李四", [Roles.Reviewer])));
        var id = created.Value!.User.Id;

        var disabled = await db.InScopeAsync(sp => sp.GetRequiredService<IStaffDirectory>().SetDisabledAsync(id, true));
        disabled.Succeeded.ShouldBeTrue();

        var info = await db.InScopeAsync(sp => sp.GetRequiredService<IStaffDirectory>().FindAsync(id));
        info!.IsDisabled.ShouldBeTrue();
        var modified = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Entity == "StaffUser" && e.Action == AuditActions.Modified).OrderBy(e => e.Id).ToListAsync());
        var change = modified.First(e => e.After!.Contains("IsDisabled", StringComparison.Ordinal));
        using var before = JsonDocument.Parse(change.Before!);
        using var after = JsonDocument.Parse(change.After!);
        before.RootElement.GetProperty("IsDisabled").GetBoolean().ShouldBeFalse();
        after.RootElement.GetProperty("IsDisabled").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Invalid_commands_get_Chinese_errors_naming_the_field_and_nothing_is_written(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var handler = (IServiceProvider sp) => sp.GetRequiredService<CreateStaffUserHandler>();

        var badRole = await db.InScopeAsync(sp => handler(sp).HandleAsync(new CreateStaffUser("wangwu", "王五", ["超级用户"])));
        badRole.Errors.ShouldContain(e => e.Message == "角色：“超级用户”不是系统中的角色");

        var badName = await db.InScopeAsync(sp => handler(sp).HandleAsync(new CreateStaffUser("王 五", "王五", [Roles.Clerk])));
        badName.Errors.ShouldContain(e => e.Message.StartsWith("登录名：", StringComparison.Ordinal));

        var weak = await db.InScopeAsync(sp => handler(sp).HandleAsync(new CreateStaffUser("wangwu", "王五", [Roles.Clerk], "short")));
        weak.Errors.ShouldContain(e => e.Message == "密码：长度不能少于 10 位");

        (await db.InScopeAsync(sp => sp.GetRequiredService<IStaffDirectory>().CountAsync())).ShouldBe(0);

        (await db.InScopeAsync(sp => handler(sp).HandleAsync(new CreateStaffUser("wangwu", "王五", [Roles.Clerk])))).Succeeded.ShouldBeTrue();
        var duplicate = await db.InScopeAsync(sp => handler(sp).HandleAsync(new CreateStaffUser("wangwu", "王五", [Roles.Clerk])));
        duplicate.Errors.ShouldContain(e => e.Message == "登录名：“wangwu”已被使用");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Audit_entries_cannot_be_changed_or_deleted_through_the_application_or_SQL(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.InScopeAsync(sp => sp.GetRequiredService<CreateStaffUserHandler>().HandleAsync(new CreateStaffUser("zhaoliu", "赵六", [Roles.Finance])));

        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var entry = await ctx.AuditEntries.FirstAsync();
            entry.UserName = "someone-else";
            (await Should.ThrowAsync<InvalidOperationException>(() => ctx.SaveChangesAsync())).Message.ShouldBe("审计日志只能追加，不能修改或删除");
        });
        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            ctx.AuditEntries.Remove(await ctx.AuditEntries.FirstAsync());
            await Should.ThrowAsync<InvalidOperationException>(() => ctx.SaveChangesAsync());
        });
        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var ex = await Should.ThrowAsync<Exception>(() => ctx.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries"));
            (ex is SqliteException or PostgresException).ShouldBeTrue(ex.GetType().Name);
            ex.Message.ShouldContain("审计日志只能追加");
            var upd = await Should.ThrowAsync<Exception>(() => ctx.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET user_name = 'x'"));
            upd.Message.ShouldContain("审计日志只能追加");
        });
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Search_filters_by_user_entity_and_China_date(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.User.UserName = "admin";
        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            ctx.Persons.Add(Person.FromResidentId(ResidentId.Create("110105", new DateOnly(1990, 1, 1), 1), "P1", "测试甲", "110105"));
            await ctx.SaveChangesAsync();
        });
        // 2026-03-02 23:30 Beijing time is 15:30 UTC, still 2 March in China.
        db.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 15, 30, 0, TimeSpan.Zero));
        db.User.UserName = "clerk";
        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            ctx.Persons.Add(Person.FromResidentId(ResidentId.Create("110105", new DateOnly(1991, 1, 1), 2), "P2", "测试乙", "110105"));
            await ctx.SaveChangesAsync();
        });
        // 16:30 UTC is already 3 March in China.
        db.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 16, 30, 0, TimeSpan.Zero));
        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var p = await ctx.Persons.SingleAsync(x => x.PersonNo == "P2");
            p.Phone = "13800000000";
            await ctx.SaveChangesAsync();
        });

        var search = (IServiceProvider sp, SearchAuditEntries q) => sp.GetRequiredService<SearchAuditEntriesHandler>().HandleAsync(q);
        (await db.InScopeAsync(sp => search(sp, new SearchAuditEntries(UserName: "clerk")))).TotalCount.ShouldBe(2);
        (await db.InScopeAsync(sp => search(sp, new SearchAuditEntries(Entity: "Person")))).TotalCount.ShouldBe(3);
        var march2 = await db.InScopeAsync(sp => search(sp, new SearchAuditEntries(From: new DateOnly(2026, 3, 2), To: new DateOnly(2026, 3, 2), Entity: "Person")));
        march2.TotalCount.ShouldBe(2);
        var march3 = await db.InScopeAsync(sp => search(sp, new SearchAuditEntries(From: new DateOnly(2026, 3, 3), Entity: "Person")));
        march3.Items.Single().Action.ShouldBe(AuditActions.Modified);
        march3.Items.Single().After.ShouldBe("{\"Phone\":\"13800000000\"}");
        var paged = await db.InScopeAsync(sp => search(sp, new SearchAuditEntries(Entity: "Person", PageSize: 2, Page: 2)));
        paged.Items.Count.ShouldBe(1);
        paged.PageCount.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Value_types_round_trip_through_the_database(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = ResidentId.Create("110105", new DateOnly(1949, 10, 1), 2);
        var code = CreditCode.Create("91110105MA0000001");
        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            ctx.Persons.Add(Person.FromResidentId(id, "P100", "开国", "110105"));
            ctx.Employers.Add(new Employer { EmployerNo = "E1", CreditCode = code, Name = "测试公司", PoolAreaCode = "110105" });
            await ctx.SaveChangesAsync();
        });
        await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            var p = await ctx.Persons.SingleAsync(x => x.ResidentId == id);
            p.BirthDate.ShouldBe(new DateOnly(1949, 10, 1));
            p.Gender.ShouldBe(Gender.Female);
            (await ctx.Employers.SingleAsync()).CreditCode.ShouldBe(code);
        });
    }
}
