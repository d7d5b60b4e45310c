using System.Text.Json;
using Yibao.Application.Accounts;
using Yibao.Application.OutOfArea;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Institutions;
using Yibao.Domain.Registry;
using Yibao.Domain.Review;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlement;

/// <summary>What the engine is given for one settlement: the person, the encounter and the fee lines.</summary>
public sealed record SettlementInputs(PersonSnapshot Person, Encounter Encounter, FeeLine[] Fee);

/// <summary>A computed settlement: the record to store (national fields, explanation, lines, accumulators) and the accumulators after it.</summary>
public sealed record ComputedSettlement(SettlementRecord Record, Dictionary<string, decimal> After, IReadOnlyList<ReviewWarningView> Warnings);

/// <summary>
/// The pure part of a settlement, shared by the live transactions (2206/2207, 2303/2304) and the demo county's generated
/// year of care: builds the engine's input from the stored person, encounter and fee lines, runs
/// <see cref="SettlementCalculator"/>, and builds the <see cref="SettlementRecord"/> exactly as a live settlement stores it.
/// No I/O: the callers load the data (under the person's lock) and write the results.
/// </summary>
public static class SettlementBuilder
{
    /// <summary>The engine's input for <paramref name="e"/> with <paramref name="lines"/> (in upload order).</summary>
    public static SettlementInputs Inputs(Person person, PersonSnapshotData snap, MedicalEncounter e, Institution inst, PlaceDecision place,
        IReadOnlyList<FeeDetail> lines, bool inpatient, DateOnly dischargeDate, decimal accountBalance = 0m, string? accountInsutype = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(snap);
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(inst);
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(lines);
        var snapshot = new PersonSnapshot
        {
            PsnNo = person.PersonNo,
            Name = person.Name,
            Insutypes = snap.Insutypes,
            Category = snap.Category,
            Statuses = snap.Statuses,
            Age = snap.Age,
            Gender = person.Gender,
            AccountBalance = accountBalance,
            AccountInsutype = accountInsutype,
        };
        var encounter = new Encounter
        {
            Id = e.MdtrtId,
            VisitType = e.MedType,
            InstitutionLevel = inst.Level,
            Place = place.Place,
            AdmissionDate = e.BeginDate,
            DischargeDate = dischargeDate,
            Diagnoses = ((inpatient ? e.DscgMaindiagCode ?? e.DiseCodg : e.DiseCodg) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ChronicDisease = e.ChronicDisease,
            InstitutionCode = inst.Code,
        };
        var fee = new FeeLine[lines.Count];
        for (var i = 0; i < fee.Length; i++)
        {
            var f = lines[i];
            fee[i] = new FeeLine(f.MedListCodg, f.Cnt, f.Pric, f.DetItemFeeSumamt, f.FeeOcurDate);
        }

        return new SettlementInputs(snapshot, encounter, fee);
    }

    /// <summary>
    /// Runs the engine and builds the record: <paramref name="before"/> are the person's year-to-date accumulators,
    /// <paramref name="findings"/> the 事中审核 result (null when no rules are enabled).
    /// </summary>
    public static ComputedSettlement Compute(PolicyVersion policy, Catalog catalog, SettlementInputs input, IReadOnlyDictionary<string, decimal> before,
        PlaceDecision place, MedicalEncounter e, Institution inst, IReadOnlyList<FeeDetail> lines, InlineReviewResult? findings, string? ruleSetId,
        string setlId, DateOnly setlDate, DateTime createdAt, AccountPayment? account = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(inst);
        ArgumentNullException.ThrowIfNull(lines);
        var p = policy.Policy;
        var fee = input.Fee;
        var acc = new decimal[p.SlotCount];
        for (var i = 0; i < acc.Length; i++)
        {
            acc[i] = before.GetValueOrDefault(p.SlotNames[i]);
        }

        var reviewSelfPay = new bool[fee.Length];
        foreach (var d in findings?.Deductions ?? [])
        {
            reviewSelfPay[d.Line] = true;
        }

        var result = new SettlementResult();
        new SettlementCalculator(p, catalog).Calculate(input.Person, input.Encounter, fee, acc, result, reviewSelfPay);

        var after = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var i = 0; i < p.SlotCount; i++)
        {
            after[p.SlotNames[i]] = result.Accumulators[i];
        }

        foreach (var (k, v) in before)
        {
            after.TryAdd(k, v); // slots of another policy version are carried over unchanged
        }

        var deductions = findings?.Deductions ?? [];
        var warnings = findings?.Warnings ?? [];
        var explanation = new List<string>(result.StepCount + 2 + deductions.Count + warnings.Count) { place.Explanation };
        if (findings is not null)
        {
            explanation.Add(deductions.Count == 0 && warnings.Count == 0
                ? $"智能审核（事中{RuleSetText(ruleSetId)}）：未发现违规"
                : $"智能审核（事中{RuleSetText(ruleSetId)}）：明确违规 {deductions.Count} 条明细转全自费，可疑 {warnings.Count} 条提示");
            foreach (var d in deductions)
            {
                explanation.Add($"  明确违规 第 {d.Line + 1} 条明细（流水号 {lines[d.Line].FeedetlSn}，{lines[d.Line].MedListCodg}，{fee[d.Line].Amount:0.00} 元）转全自费：[{d.RuleId}] {d.Reason}");
            }

            foreach (var w in warnings)
            {
                var sns = w.Lines.Length == 0 ? "本次就诊" : "流水号 " + string.Join("、", w.Lines.Select(l => lines[l].FeedetlSn));
                explanation.Add($"  可疑 [{w.RuleId}]（{sns}，涉及 {w.Amount:0.00} 元）：{w.Message}");
            }
        }

        for (var i = 0; i < result.StepCount; i++)
        {
            explanation.Add(ExplanationFormatter.Format(result.Steps[i]));
        }

        account?.Explain(explanation, result.Setl.AcctPay);
        var deductionByLine = deductions.ToDictionary(d => d.Line);
        var warningViews = warnings.Select(w => new ReviewWarningView(w.RuleId, w.Message, w.Lines.Select(l => lines[l].FeedetlSn).ToList(), w.Amount)).ToList();

        var lineJson = new List<JsonElement>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var l = result.Lines[i];
            lineJson.Add(JsonSerializer.SerializeToElement(new Dictionary<string, object?>
            {
                ["feedetl_sn"] = lines[i].FeedetlSn,
                ["med_list_codg"] = lines[i].MedListCodg,
                ["det_item_fee_sumamt"] = l.Amount,
                ["fulamt_ownpay_amt"] = l.FulamtOwnpay,
                ["overlmt_selfpay"] = l.Overlmt,
                ["preselfpay_amt"] = l.Preselfpay,
                ["inscp_scp_amt"] = l.Inscp,
                ["selfpay_prop"] = l.SelfPayRatio,
                ["memo"] = l.Reason == LineReason.Review && deductionByLine.TryGetValue(i, out var d)
                    ? $"{ExplanationFormatter.Reason(l.Reason)}：[{d.RuleId}] {d.Reason}"
                    : l.Reason == LineReason.None ? null : ExplanationFormatter.Reason(l.Reason),
            }, OnlineSettlement.Json));
        }

        var record = new SettlementRecord
        {
            SetlId = setlId,
            EncounterId = e.Id,
            InstitutionId = inst.Id,
            PersonId = e.PersonId,
            PsnNo = e.PsnNo,
            Insutype = e.Insutype,
            MedType = e.MedType,
            PoolAreaCode = e.PoolAreaCode,
            SetlDate = setlDate,
            Year = e.BeginDate.Year,
            PolicyVersionId = policy.VersionId,
            SchemeName = result.Scheme?.Def.Name ?? "无适用方案",
            Place = place.Place,
            FilingNo = place.FilingNo,
            ExplanationJson = JsonSerializer.Serialize(explanation, OnlineSettlement.Json),
            LinesJson = JsonSerializer.Serialize(lineJson, OnlineSettlement.Json),
            AccumulatorsBeforeJson = OnlineSettlement.WriteAccumulators(before),
            AccumulatorsAfterJson = OnlineSettlement.WriteAccumulators(after),
            ReviewWarningsJson = warningViews.Count == 0 ? null : JsonSerializer.Serialize(warningViews, OnlineSettlement.Json),
            CreatedAt = createdAt,
        };
        record.SetFrom(result.Setl);
        return new ComputedSettlement(record, after, warningViews);
    }

    private static string RuleSetText(string? ruleSetId) => ruleSetId is null ? "" : $"，规则集 {ruleSetId}";
}
