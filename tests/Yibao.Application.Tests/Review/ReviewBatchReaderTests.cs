using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Review;
using Yibao.Application.Tests.Common;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Review;
using Yibao.Domain.Settlement;
using Yibao.Infrastructure.Persistence;
using Yibao.Infrastructure.Review;
using static Yibao.Application.Tests.Settlement.SettlementOpsFixture;

namespace Yibao.Application.Tests.Review;

/// <summary>
/// The review reader on both engines gives the same columns as the stored rows: SQLite through ADO readers, PostgreSQL through
/// binary COPY of integer columns (one stream and several streams over block ranges).
/// </summary>
public sealed class ReviewBatchReaderTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private sealed record Expected(long Id, long Encounter, string Code, int Day, long QtyMilli, long PriceTenThousandth, long AmountFen);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reader_maps_rule_codes_to_ids_others_to_unknown_and_scales_quantities_prices_amounts_and_dates_like_the_builder(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        var june = new DateOnly(2025, 6, 1);
        var (outpatient, inpatient, expected) = await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            MedicalEncounter Encounter(string id, long institution, VisitType visit, DateOnly begin, EncounterStatus status, string? dise, string? mainDiag) => new()
            {
                MdtrtId = id, InstitutionId = institution, PersonId = s.PersonId, PsnNo = s.PsnNo, Insutype = "390", MedType = visit, BeginDate = begin,
                DiseCodg = dise, DscgMaindiagCode = mainDiag, PoolAreaCode = "130123", Status = status,
            };
            var e1 = Encounter("RD-1", s.A.InstitutionId, VisitType.GeneralOutpatient, june.AddDays(9), EncounterStatus.Settled, "J18.900; I10.x00", null);
            var e2 = Encounter("RD-2", s.B.InstitutionId, VisitType.Inpatient, june.AddDays(11), EncounterStatus.Registered, "X00.000", "K35.900"); // 住院, no 出院日期
            var later = Encounter("RD-3", s.A.InstitutionId, VisitType.GeneralOutpatient, new DateOnly(2025, 8, 1), EncounterStatus.Settled, "J18.900", null);
            var cancelled = Encounter("RD-4", s.A.InstitutionId, VisitType.GeneralOutpatient, june.AddDays(2), EncounterStatus.Cancelled, "J18.900", null);
            ctx.MedicalEncounters.AddRange(e1, e2, later, cancelled);
            await ctx.SaveChangesAsync();
            string[] codes = [Amoxicillin, "ZZ-OTHER-1", "ZZ-OTHER-2"];
            var lines = new List<FeeDetail>();
            for (var k = 0; k < 600; k++)
            {
                var enc = k % 10 == 0 ? e1 : e2;
                // cnt 1.0005 → 1000.5 thousandths: the half is rounded away from zero on both sides.
                var cnt = k % 7 == 0 ? 1.0005m : k == 23 ? -1.0005m : 1m + k % 3 * 0.3333m; // and a negative (refund) line
                var pric = 0.0001m + k * 1.2345m;
                lines.Add(new FeeDetail
                {
                    EncounterId = enc.Id, FeedetlSn = k.ToString(System.Globalization.CultureInfo.InvariantCulture), MedListCodg = codes[k % 3], Cnt = cnt, Pric = pric,
                    DetItemFeeSumamt = Math.Round(cnt * pric, 2, MidpointRounding.AwayFromZero), FeeOcurDate = enc.BeginDate.AddDays(enc == e2 ? k % 5 : 0),
                    Cancelled = k == 17,
                });
            }

            foreach (var other in new[] { later, cancelled })
            {
                lines.Add(new FeeDetail { EncounterId = other.Id, FeedetlSn = "1", MedListCodg = Amoxicillin, Cnt = 1, Pric = 1, DetItemFeeSumamt = 1, FeeOcurDate = other.BeginDate });
            }

            ctx.FeeDetails.AddRange(lines);
            await ctx.SaveChangesAsync();
            var expect = lines.Where(l => !l.Cancelled && (l.EncounterId == e1.Id || l.EncounterId == e2.Id))
                .Select(l => new Expected(l.Id, l.EncounterId, l.MedListCodg, l.FeeOcurDate.DayNumber, (long)decimal.Round(l.Cnt * 1000m, MidpointRounding.AwayFromZero),
                    (long)decimal.Round(l.Pric * 10000m, MidpointRounding.AwayFromZero), (long)(l.DetItemFeeSumamt * 100m)))
                .OrderBy(x => x.Id).ToList();
            return (e1.Id, e2.Id, expect);
        });
        expected.Count.ShouldBe(599);
        expected.Count(x => x.QtyMilli % 1000 == 1).ShouldBeGreaterThan(0);
        expected.Single(x => x.QtyMilli < 0).QtyMilli.ShouldBe(-1001);

        // One stream, then (PostgreSQL) four streams over the table's blocks, outside any transaction.
        foreach (var streams in new[] { 1, 4 })
        {
            var (data, items, used) = await db.InScopeAsync(async sp =>
            {
                var reader = (ReviewBatchReader)sp.GetRequiredService<IReviewBatchReader>();
                reader.Streams = streams;
                reader.MinBlocksPerStream = 1;
                var items = new CodeTable();
                items.Intern(Amoxicillin);
                items.Intern("NOT-IN-THE-DATA");
                var data = await reader.ReadAsync(june, new DateOnly(2025, 6, 30), items, TestContext.Current.CancellationToken);
                return (data, items, reader.StreamsUsed);
            });
            if (provider == TestDatabase.Postgres)
            {
                used.ShouldBe(streams);
            }

            var b = data.Batch;
            data.EncounterIds.Order().ShouldBe([outpatient, inpatient]);
            b.PersonCount.ShouldBe(1);
            data.PersonIds.ShouldBe([s.PersonId]);
            items.Count.ShouldBe(2); // nothing interned per line
            var e1 = Array.IndexOf(data.EncounterIds, outpatient);
            var e2 = Array.IndexOf(data.EncounterIds, inpatient);
            data.EncounterInsutypes.ShouldBe(["390", "390"]);
            b.EncounterDiagnoses(e1).ShouldBe(["J18.900", "I10.x00"]);
            b.EncounterDiagnoses(e2).ShouldBe(["K35.900"]);
            b.InstitutionOfEncounter(e1).ShouldBe((int)s.A.InstitutionId);
            b.InstitutionOfEncounter(e2).ShouldBe((int)s.B.InstitutionId);
            b.EncounterAdmissionDay(e2).ShouldBe(june.AddDays(11).DayNumber);
            b.EncounterDischargeDay(e2).ShouldBe(june.AddDays(15).DayNumber); // open 住院 ends on its last fee date
            b.EncounterDischargeDay(e1).ShouldBe(june.AddDays(9).DayNumber);

            b.LineCount.ShouldBe(expected.Count);
            var actual = Enumerable.Range(0, b.LineCount).Select(l => new Expected(data.LineIds[l], data.EncounterIds[b.LineEncounterOf(l)],
                    b.LineItemId(l) == CodeTable.Unknown ? "?" : items[b.LineItemId(l)], b.LineDayNumber(l), b.LineQuantityMilli(l), b.LinePriceTenThousandth(l), b.LineAmountFen(l)))
                .OrderBy(x => x.Id).ToList();
            actual.ShouldBe(expected.Select(x => x with { Code = x.Code == Amoxicillin ? Amoxicillin : "?" }).ToList());
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Evaluation_sees_rule_items_after_the_reader_maps_codes_and_flags_the_same_lines_as_an_in_memory_batch(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        await SettleAsync(db, s.A, s.PsnNo, Line("1", Amoxicillin, 40, 12.5m), Line("2", "UNKNOWN-ITEM", 1, 10m), Line("3", Amoxicillin, 2, 9m));
        var rule = new ReviewRule
        {
            Id = "T-PRICE", Name = "阿莫西林胶囊限价 10 元（测试）", Type = ReviewRuleType.PriceCap, Result = ReviewResultType.Definite, Status = ReviewRuleStatus.Enabled,
            Parameters = new ReviewParameters { Items = [Amoxicillin], MaxPrice = 10m },
        };
        var ev = await db.InScopeAsync(sp => sp.GetRequiredService<ReviewEvaluator>().EvaluateAsync(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), [rule],
            TestContext.Current.CancellationToken));
        ev.Data.Batch.LineCount.ShouldBe(3);
        var flag = ev.Flags.ShouldHaveSingleItem();
        flag.Amount.ShouldBe(100m); // (12.5 − 10) × 40; the 9 元 line is under the cap, the unknown item matches no rule
        ev.Data.Batch.LineItemCodeOf(flag.Lines.Single()).ShouldBe(Amoxicillin);
        flag.Reason.ShouldStartWith(Amoxicillin);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Flag_writer_stores_every_column_as_given_money_text_dates_and_nulls(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestDatabase.SampleReferenceFiles);
        var s = await SeedAsync(db);
        var decidedAt = new DateTime(2026, 3, 5, 8, 9, 10, 123, DateTimeKind.Utc).AddTicks(4560);
        decimal[] amounts = [0m, 0.05m, 1m, 10000m, 12345678.9m, 99999999.99m, 0.5m];
        var written = await db.InScopeAsync(async sp =>
        {
            var ctx = sp.GetRequiredService<AppDbContext>();
            await using var tx = await ctx.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            var run = new ReviewRun { FromDate = new DateOnly(2025, 1, 1), ToDate = new DateOnly(2025, 12, 31), RuleCodes = "T", RuleCount = 1, StartedAt = decidedAt, StartedBy = "tester" };
            ctx.ReviewRuns.Add(run);
            await ctx.SaveChangesAsync(TestContext.Current.CancellationToken);
            var records = amounts.Select((a, i) => new ReviewFlagRecord
            {
                RunId = run.Id, RuleCode = "T-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), RuleName = "限定性别（测试）“引号”", RuleType = ReviewRuleType.GenderLimit,
                Result = i % 2 == 0 ? ReviewResultType.Definite : ReviewResultType.Suspicious, InstitutionId = s.A.InstitutionId, PersonId = s.PersonId, EncounterId = 1000 + i,
                Insutype = "390", FeeDate = new DateOnly(1999, 12, 31).AddDays(i * 400), LineIds = "1,2," + i.ToString(System.Globalization.CultureInfo.InvariantCulture), LineCount = 3, Amount = a,
                Parameter = "gender=1", Reason = "参保人性别为女\t制表符", Status = i % 2 == 0 ? ReviewFlagStatus.Accepted : ReviewFlagStatus.Pending,
                DecisionReason = i % 2 == 0 ? "明确违规，自动扣款" : null, DecidedBy = i % 2 == 0 ? "tester" : null, DecidedAt = i % 2 == 0 ? decidedAt : null,
            }).ToList();
            await sp.GetRequiredService<IReviewFlagWriter>().WriteAsync(records, TestContext.Current.CancellationToken);
            await tx.CommitAsync(TestContext.Current.CancellationToken);
            return records;
        });

        var stored = await db.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ReviewFlags.AsNoTracking().OrderBy(f => f.RuleCode).ToListAsync(TestContext.Current.CancellationToken));
        stored.Count.ShouldBe(amounts.Length);
        for (var i = 0; i < amounts.Length; i++)
        {
            var (a, b) = (written[i], stored[i]);
            (b.RunId, b.RuleCode, b.RuleName, b.RuleType, b.Result, b.InstitutionId, b.PersonId, b.EncounterId, b.Insutype, b.FeeDate, b.LineIds, b.LineCount)
                .ShouldBe((a.RunId, a.RuleCode, a.RuleName, a.RuleType, a.Result, a.InstitutionId, a.PersonId, a.EncounterId, a.Insutype, a.FeeDate, a.LineIds, a.LineCount));
            b.Amount.ShouldBe(amounts[i]);
            (b.Parameter, b.Reason, b.Status, b.DecisionReason, b.DecidedBy, b.JournalEntryId).ShouldBe((a.Parameter, a.Reason, a.Status, a.DecisionReason, a.DecidedBy, a.JournalEntryId));
            b.DecidedAt.ShouldBe(a.DecidedAt is null ? null : decidedAt.AddTicks(-(decidedAt.Ticks % 10))); // microseconds on PostgreSQL
        }
    }
}
