using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Accounts;
using Yibao.Application.Admin;
using Yibao.Application.Common;
using Yibao.Domain.Admin;
using Yibao.Domain.Common;
using Yibao.Domain.Contributions;
using Yibao.Infrastructure.Demo;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Cli;

/// <summary>The command tree. Every description is Chinese; docs/cli.md documents the same.</summary>
internal static class CliCommands
{
    public const string DefaultAdminUserName = "admin";
    public const string DefaultAdminDisplayName = "系统管理员";

    public static RootCommand Build(CliContext ctx)
    {
        var root = new RootCommand("医保经办系统命令行工具 yibao：数据库迁移、管理员账号、演示数据、结算计算、部门预算公开、预决算公开检查。" +
            "数据库由环境变量 YIBAO_DB_PROVIDER（sqlite|postgres）和 YIBAO_DB（连接字符串）指定，与网站相同。" +
            "退出码：0 成功，1 操作失败，2 用法或配置错误、数据库无法连接。");
        root.Subcommands.Add(BuildDb(ctx));
        root.Subcommands.Add(BuildAdmin(ctx));
        root.Subcommands.Add(BuildDemo(ctx));
        root.Subcommands.Add(SettlementCommands.Build(ctx));
        root.Subcommands.Add(DisclosureCommands.Build(ctx));
        root.Subcommands.Add(BudgetEntryCommands.AddTo(BudgetImportCommand.AddTo(BudgetCommands.Build(ctx), ctx), ctx));
        CatalogPolicyCommands.AddTo(root, ctx);
        root.Subcommands.Add(PersonImportCommands.Build(ctx));
        root.Subcommands.Add(ContributionCommands.Build(ctx));
        root.Subcommands.Add(AccountCommands.Build(ctx));
        root.Subcommands.Add(StatementCommands.Build(ctx));
        root.Subcommands.Add(ReviewCommands.Build(ctx));
        root.Subcommands.Add(SupervisionCommands.Build(ctx));
        return root;
    }

    private static Command BuildDb(CliContext ctx)
    {
        var db = new Command("db", "数据库管理");
        var migrate = new Command("migrate", "应用数据库迁移并写入基础数据（角色）；可重复执行，已是最新时不做改动");
        migrate.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            await MigrateAsync(ctx, sp, options, quietWhenCurrent: false, token);
            return ExitCodes.Success;
        }, ct));
        db.Subcommands.Add(migrate);
        return db;
    }

    private static async Task MigrateAsync(CliContext ctx, IServiceProvider sp, DatabaseOptions options, bool quietWhenCurrent, CancellationToken ct)
    {
        var applied = await sp.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
        if (applied.Count == 0)
        {
            if (!quietWhenCurrent)
            {
                await ctx.Out.WriteLineAsync("数据库：" + options.Describe());
                await ctx.Out.WriteLineAsync("数据库结构已是最新，没有需要应用的迁移。");
            }

            return;
        }

        await ctx.Out.WriteLineAsync("数据库：" + options.Describe());
        await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"已应用迁移 {applied.Count} 个："));
        foreach (var m in applied)
        {
            await ctx.Out.WriteLineAsync("  " + m);
        }
    }

    private static async Task RequireMigratedAsync(IServiceProvider sp, DatabaseOptions options, CancellationToken ct)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var pending = await db.Database.GetPendingMigrationsAsync(ct);
        if (pending.Any())
        {
            throw new CliContext.CliException(ExitCodes.Usage,
                $"数据库（{options.Describe()}）尚未初始化或结构不是最新：请先运行 yibao db migrate");
        }
    }

    private static Command BuildAdmin(CliContext ctx)
    {
        var admin = new Command("admin", "系统管理员账号");

        var username = new Option<string>("--username")
        {
            Description = "登录名（字母、数字、下划线、点、短横线，2–32 个字符）",
            DefaultValueFactory = _ => DefaultAdminUserName,
        };
        var name = new Option<string>("--name")
        {
            Description = "姓名（显示名）",
            DefaultValueFactory = _ => DefaultAdminDisplayName,
        };
        var password = new Option<string?>("--password")
        {
            Description = "初始密码（至少 10 位，含大写字母、小写字母和数字）；省略时自动生成并只显示一次。无论哪种方式，首次登录都必须修改密码",
        };
        var create = new Command("create", "新建一个系统管理员账号；登录名已存在时失败（退出码 1）") { username, name, password };
        create.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            await RequireMigratedAsync(sp, options, token);
            var user = r.GetValue(username) ?? DefaultAdminUserName;
            var display = r.GetValue(name) ?? DefaultAdminDisplayName;
            if (ctx.Input is not null)
            {
                if (r.GetResult(username) is null or { Implicit: true })
                {
                    user = await PromptAsync(ctx, "登录名", user);
                }

                if (r.GetResult(name) is null or { Implicit: true })
                {
                    display = await PromptAsync(ctx, "姓名", display);
                }
            }

            return await CreateAdminAsync(ctx, sp, user, display, r.GetValue(password), token);
        }, ct));

        var ensure = new Command("ensure",
            "还没有任何工作人员账号时，新建默认系统管理员（登录名 admin）并显示一次初始密码；已有账号时不做改动。供 ./run.sh 使用");
        ensure.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            await RequireMigratedAsync(sp, options, token);
            var count = await sp.GetRequiredService<IStaffDirectory>().CountAsync(token);
            if (count > 0)
            {
                await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"已有 {count} 个工作人员账号，无需新建管理员。"));
                return ExitCodes.Success;
            }

            return await CreateAdminAsync(ctx, sp, DefaultAdminUserName, DefaultAdminDisplayName, null, token);
        }, ct));

        admin.Subcommands.Add(create);
        admin.Subcommands.Add(ensure);
        return admin;
    }

    private static async Task<string> PromptAsync(CliContext ctx, string label, string defaultValue)
    {
        await ctx.Out.WriteAsync($"{label}（直接回车使用“{defaultValue}”）：");
        await ctx.Out.FlushAsync();
        var line = await ctx.Input!.ReadLineAsync();
        return string.IsNullOrWhiteSpace(line) ? defaultValue : line.Trim();
    }

    private static async Task<int> CreateAdminAsync(CliContext ctx, IServiceProvider sp, string userName, string displayName, string? password, CancellationToken ct)
    {
        var handler = sp.GetRequiredService<CreateStaffUserHandler>();
        var result = await handler.HandleAsync(new CreateStaffUser(userName, displayName, [Roles.Administrator], password, MustChangePassword: true), ct);
        if (!result.Succeeded)
        {
            await WriteErrorsAsync(ctx, "未能创建管理员账号", result.Errors);
            return ExitCodes.Failed;
        }

        var created = result.Value!;
        await ctx.Out.WriteLineAsync("已创建系统管理员账号：");
        await ctx.Out.WriteLineAsync("  登录名：" + created.User.UserName);
        await ctx.Out.WriteLineAsync("  姓名：" + created.User.DisplayName);
        if (string.IsNullOrEmpty(password))
        {
            await ctx.Out.WriteLineAsync("  初始密码：" + created.InitialPassword);
            await ctx.Out.WriteLineAsync("  （初始密码只显示这一次，请妥善保管；首次登录后必须修改密码）");
        }
        else
        {
            await ctx.Out.WriteLineAsync("  初始密码：按 --password 设置（首次登录后必须修改密码）");
        }

        return ExitCodes.Success;
    }

    private static async Task WriteErrorsAsync(CliContext ctx, string title, IReadOnlyList<AppError> errors)
    {
        await ctx.Err.WriteLineAsync(title + "：");
        foreach (var e in errors)
        {
            await ctx.Err.WriteLineAsync("  " + e.Message);
        }
    }

    /// <summary>The counts and timing of the generated year of care, in Chinese.</summary>
    public static string DescribeCare(DemoCareResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var c = r.Counts;
        var seconds = r.Elapsed.TotalSeconds;
        var statements = r.StatementMonths == 0
            ? string.Create(CultureInfo.InvariantCulture, $"月结算单：{DemoCareGenerator.Year} 年还没有已结束的月份，未生成（月份结束后用 yibao statements generate 生成）")
            : string.Create(CultureInfo.InvariantCulture,
                $"月结算单 {r.Statements} 张（{DemoCareGenerator.Year} 年 1–{r.StatementMonths} 月，由演示财务于次月 1 日生成并冻结，同 yibao statements generate；用时 {r.StatementsElapsed.TotalSeconds:0.0} 秒）")
                + (r.StatementMonths < 12 ? "；以后各月结束后用 yibao statements generate 生成" : "");
        var review = r.ReviewRuleSetId is null
            ? "事中智能审核：未启用事中审核规则（未设置 YIBAO_REVIEW_RULES，review_rules 中也没有启用的事中规则），结算未经事中审核"
            : string.Create(CultureInfo.InvariantCulture,
                $"事中智能审核（规则集 {r.ReviewRuleSetId}）：审核 {c.Reviewed} 笔，明确违规 {c.ReviewDeductedLines} 条明细转全自费 {c.ReviewDeductedAmount:0.00} 元，可疑提示 {c.ReviewWarnings} 条");
        return string.Create(CultureInfo.InvariantCulture,
            $"{DemoCareGenerator.Year} 年度就医：普通门诊 {c.Outpatient} 人次，药店购药 {c.Pharmacy} 人次，门诊慢特病 {c.Chronic} 人次，住院 {c.Inpatient} 人次（其中异地就医 {c.NonLocal} 人次），"
            + $"人均 {(r.Persons == 0 ? 0 : (double)c.Settlements / r.Persons):0.00} 次\n"
            + $"费用明细 {c.FeeLines} 条（丙类 {c.ClassCLines} 条，目录外 {c.OutOfCatalogLines} 条），结算 {c.Settlements} 笔，医疗费总额 {c.MedfeeSumamt:0.00} 元，基金支付 {c.FundPaySumamt:0.00} 元，"
            + $"职工个人账户支付 {c.AccountPayments} 笔 {c.AcctPaySumamt:0.00} 元\n"
            + $"记账凭证 {c.JournalEntries} 张（分录 {c.JournalLines} 行），人员年度累计 {c.Accumulators} 条，异地就医备案 {c.Filings} 条（异地医院 {r.RemoteHospitals} 家），手工报销 {r.ManualReimbursements} 笔（已审核支付），未享受待遇未结算 {c.Skipped} 人次\n"
            + $"{review}\n"
            + $"{statements}\n"
            + $"就医数据用时 {seconds:0.0} 秒（费用明细 {r.FeeLinesPerSecond:0} 条/秒）");
    }

    private static Command BuildDemo(CliContext ctx)
    {
        var demo = new Command("demo", "演示数据（虚构的示范县，行政区划代码 519999）");
        var insured = new Option<int>("--insured")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"生成的人员数（1–{DemoSeeder.MaxInsured}），单位、家庭户、定点医药机构数量随之按比例变化"),
            DefaultValueFactory = _ => DemoCountyOptions.DefaultInsured,
        };
        var seed = new Option<long>("--seed")
        {
            Description = "随机种子：相同的种子和人数生成完全相同的数据",
            DefaultValueFactory = _ => DemoCountyOptions.DefaultSeed,
        };
        var ifEmpty = new Option<bool>("--if-empty")
        {
            Description = "库中已有参保登记数据时什么也不做并返回 0（./run.sh 首次运行时使用）",
        };
        var withoutCare = new Option<bool>("--without-care")
        {
            Description = "不生成就医与结算数据（只生成参保登记、医保目录与待遇政策）",
        };
        var withoutContributions = new Option<bool>("--without-contributions")
        {
            Description = "不生成职工征缴年度数据（缴费基数、征收计划、税务入库、灵活就业缴费）和个人账户划入，留给经办员自己编制",
        };
        var seedCommand = new Command("seed", "生成示范县演示数据（乡镇、村/社区、家庭户、人员、参保单位、定点医药机构、参保与缴费、医保目录与待遇政策，以及一年的就医、结算、异地备案、手工报销与基金记账）；先自动迁移数据库，只写入空的参保登记库") { insured, seed, ifEmpty, withoutCare, withoutContributions };
        seedCommand.SetAction((ParseResult r, CancellationToken ct) => ctx.RunAsync(async (sp, options, token) =>
        {
            var watch = Stopwatch.StartNew();
            await MigrateAsync(ctx, sp, options, quietWhenCurrent: true, token);
            if (r.GetValue(ifEmpty) && await sp.GetRequiredService<IAppDbContext>().Persons.AnyAsync(token))
            {
                await ctx.Out.WriteLineAsync("已有参保登记数据，跳过演示数据生成");
                return await CatalogPolicyCommands.SeedDemoAsync(ctx, sp, token);
            }

            var demoOptions = new DemoCountyOptions(r.GetValue(insured), r.GetValue(seed)) { EmployeeContributions = !r.GetValue(withoutContributions) };
            await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"正在生成{DemoCountyGenerator.CountyName}（{DemoCountyGenerator.CountyCode}）演示数据：人员 {demoOptions.Insured} 人，随机种子 {demoOptions.Seed}，写入 {options.Describe()}"));
            var result = await sp.GetRequiredService<DemoSeeder>().SeedAsync(demoOptions, token);
            if (!result.Succeeded)
            {
                await WriteErrorsAsync(ctx, "未能生成演示数据", result.Errors);
                return ExitCodes.Failed;
            }

            var s = result.Value!;
            await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"已写入：乡镇 {s.Townships} 个，村/社区 {s.Villages} 个，家庭户 {s.Households} 户，人员 {s.Persons} 人，参保单位 {s.Employers} 家，定点医药机构 {s.Institutions} 家"));
            await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"参保记录 {s.Enrollments} 条（职工 310：{s.EmployeeEnrollments}，居民 390：{s.Enrollments - s.EmployeeEnrollments}），特殊身份 {s.SpecialStatuses} 条，{DemoCoverage.ContributionYear} 年度居民缴费 {s.Contributions} 笔（记账分录 {s.JournalLines} 行）"));
            if (s.Employee is { } emp)
            {
                await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{emp.Year} 年度职工征缴：缴费基数 {emp.Bases} 人（核定调整 {emp.AdjustedBases} 人），征收计划 {emp.Plans} 个（{ContributionPeriod.Format(emp.FirstPeriod)} 至 {ContributionPeriod.Format(emp.LastPeriod)}，明细 {emp.PlanLines} 行，应缴 {emp.Planned:0.00} 元），税务入库 {emp.Payments} 笔 {emp.Received:0.00} 元，灵活就业缴费 {emp.FlexiblePayments} 笔 {emp.FlexibleReceived:0.00} 元，欠费单位 {emp.EmployersInArrears} 家（记账分录 {emp.JournalLines} 行）"));
                await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"写入用时 {watch.Elapsed.TotalSeconds:0.0} 秒；正在按月划入职工个人账户（同 yibao accounts credit）"));
                var credited = await DemoContributions.CreditAccountsAsync(sp.GetRequiredService<CreditPersonalAccountsHandler>(), emp,
                    (period, c) => ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"个人账户划入 {ContributionPeriod.Format(period)}：在职 {c.InService} 人，退休 {c.Retired} 人，合计 {c.Total:0.00} 元")), token);
                if (!credited.Succeeded)
                {
                    await WriteErrorsAsync(ctx, "未能划入个人账户", credited.Errors);
                    return ExitCodes.Failed;
                }
            }

            var catalogExit = await CatalogPolicyCommands.SeedDemoAsync(ctx, sp, token);
            if (catalogExit == ExitCodes.Success && !r.GetValue(withoutCare))
            {
                await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"正在生成 {DemoCareGenerator.Year} 年度就医与结算数据（每一笔都由结算引擎计算）……"));
                var care = await sp.GetRequiredService<DemoCareSeeder>().SeedAsync(demoOptions.Seed, token);
                if (!care.Succeeded)
                {
                    await WriteErrorsAsync(ctx, "未能生成就医与结算数据", care.Errors);
                    return ExitCodes.Failed;
                }

                await ctx.Out.WriteLineAsync(DescribeCare(care.Value!));
                var sup = await sp.GetRequiredService<DemoSupervisionSeeder>().SeedAsync(token);
                if (!sup.Succeeded)
                {
                    await WriteErrorsAsync(ctx, "未能生成基金监管数据", sup.Errors);
                    return ExitCodes.Failed;
                }

                var v = sup.Value!;
                await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{DemoCareGenerator.Year} 年度基金监管：现场检查定点医药机构 {v.Inspected} 家，查处违规定点医疗机构 {v.InBreachMedical} 家、定点零售药店 {v.InBreachPharmacy} 家，立案 {v.Cases} 件，追回医保基金 {Money.FormatWanYuan(v.Recovered)} 万元，违约金 {Money.FormatWanYuan(v.Penalty)} 万元，已到账 {v.Paid:0.00} 元，暂停协议 {v.Suspended} 家（yibao supervision summary --year {DemoCareGenerator.Year}）"));
            }

            await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"用时 {watch.Elapsed.TotalSeconds:0.0} 秒"));
            return catalogExit;
        }, ct));
        demo.Subcommands.Add(seedCommand);
        return demo;
    }
}
