using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;
using Yibao.Domain.Policies;
using Yibao.Domain.Settlement;

namespace Yibao.Application.Settlement;

/// <summary>
/// <c>yibao settlement calc --policy FILE --catalog FILE --claims FILE [--json]</c>: loads the files, runs the
/// encounters of each person in date order with year-to-date accumulators and writes each result and the totals,
/// as Chinese text or as one JSON document. Exit codes: 0 成功, 2 输入文件有误, 1 其他错误.
/// </summary>
public static class SettlementFileRunner
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>One calculated encounter.</summary>
    public sealed record EncounterOutcome(ClaimsEncounter Encounter, ClaimsPerson Person, SetlInfo Setl, LineResult[] Lines, string[] Explanation, string? SchemeName);

    /// <summary>Per-person year totals.</summary>
    public sealed record PersonTotals(ClaimsPerson Person, int Encounters, SetlInfo Setl, IReadOnlyDictionary<string, decimal> Accumulators, decimal AccountBalanceAfter);

    public sealed record RunResult(CompiledPolicy Policy, Catalog Catalog, IReadOnlyList<EncounterOutcome> Encounters, IReadOnlyList<PersonTotals> Persons, SetlInfo Totals);

    public static async Task<int> RunAsync(string policyPath, string catalogPath, string claimsPath, bool json, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        RunResult result;
        try
        {
            var policy = await LoadPolicyAsync(policyPath, ct);
            var catalog = await LoadCatalogAsync(catalogPath, ct);
            var claims = await LoadClaimsAsync(claimsPath, ct);
            result = Run(policy, catalog, claims);
        }
        catch (InputException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }
#pragma warning disable CA1031 // The CLI reports any failure as a Chinese message and exit code 1.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync("计算失败：" + ex.Message);
            return 1;
        }

        await output.WriteAsync(json ? RenderJson(result) : RenderText(result));
        return 0;
    }

    /// <summary>An input file problem (exit code 2); the message is Chinese and names the file and field.</summary>
    public sealed class InputException(string message) : Exception(message);

    public static async Task<CompiledPolicy> LoadPolicyAsync(string path, CancellationToken ct = default)
    {
        var text = await ReadAsync(path, "政策参数", ct);
        PolicyDocument doc;
        try
        {
            doc = PolicyJson.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new InputException($"政策参数文件 {path} 格式错误：{ex.Path} {ex.Message}");
        }

        var errors = PolicyValidator.Validate(doc);
        if (errors.Count > 0)
        {
            throw new InputException($"政策参数文件 {path} 校验未通过：\n" + string.Join('\n', errors));
        }

        return CompiledPolicy.Compile(doc);
    }

    public static async Task<Catalog> LoadCatalogAsync(string path, CancellationToken ct = default)
    {
        var text = await ReadAsync(path, "医保目录", ct);
        var dxPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", "diagnoses.csv");
        var diagnoses = File.Exists(dxPath) ? CatalogCsv.ParseDiagnoses(new StringReader(await File.ReadAllTextAsync(dxPath, ct))) : [];
        try
        {
            return CatalogCsv.Parse(new StringReader(text), diagnoses);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new InputException($"医保目录文件 {path}：{ex.Message}");
        }
    }

    public static async Task<ClaimsFile> LoadClaimsAsync(string path, CancellationToken ct = default)
    {
        var text = await ReadAsync(path, "结算明细", ct);
        try
        {
            return JsonSerializer.Deserialize<ClaimsFile>(text, ClaimsFile.JsonOptions) ?? throw new InputException($"结算明细文件 {path} 为空");
        }
        catch (JsonException ex)
        {
            throw new InputException($"结算明细文件 {path} 格式错误：{ex.Path} {ex.Message}");
        }
    }

    private static async Task<string> ReadAsync(string path, string what, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{what}文件不存在：{path}");
        }

        return await File.ReadAllTextAsync(path, Encoding.UTF8, ct);
    }

    /// <summary>Runs all encounters; validates the claims first (all-or-nothing, errors name the field).</summary>
    public static RunResult Run(CompiledPolicy policy, Catalog catalog, ClaimsFile claims)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(claims);
        var errors = new List<string>();
        var persons = new Dictionary<string, ClaimsPerson>(StringComparer.Ordinal);
        for (var i = 0; i < claims.Persons.Count; i++)
        {
            var p = claims.Persons[i];
            if (string.IsNullOrWhiteSpace(p.PsnNo) || !persons.TryAdd(p.PsnNo, p))
            {
                errors.Add($"$.persons[{i}].psn_no：人员编号为空或重复");
            }

            if (p.Gender is not (1 or 2))
            {
                errors.Add($"$.persons[{i}].gender：性别必须是 1（男）或 2（女）");
            }

            foreach (var k in p.Accumulators?.Keys ?? Enumerable.Empty<string>())
            {
                if (policy.SlotIndex(k) < 0)
                {
                    errors.Add($"$.persons[{i}].accumulators.{k}：政策参数中没有这个累计项");
                }
            }
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < claims.Encounters.Count; i++)
        {
            var e = claims.Encounters[i];
            var p = $"$.encounters[{i}]";
            if (string.IsNullOrWhiteSpace(e.Id) || !ids.Add(e.Id))
            {
                errors.Add(p + ".id：就诊编号为空或重复");
            }

            if (!persons.ContainsKey(e.PsnNo))
            {
                errors.Add(p + $".psn_no：人员“{e.PsnNo}”不在 persons 中");
            }

            if (!Enum.IsDefined(e.VisitType))
            {
                errors.Add(p + ".visit_type：就诊类型缺失或无效");
            }

            if (e.InstitutionLevel is < 0 or > 3)
            {
                errors.Add(p + ".institution_level：机构等级必须是 0–3");
            }

            var end = e.DischargeDate ?? e.AdmissionDate;
            if (e.AdmissionDate < policy.Document.EffectiveFrom || end > policy.Document.EffectiveTo || end < e.AdmissionDate)
            {
                errors.Add(p + $".admission_date：就诊日期不在政策参数有效期（{policy.Document.EffectiveFrom:yyyy-MM-dd}～{policy.Document.EffectiveTo:yyyy-MM-dd}）内或出院早于入院");
            }

            for (var k = 0; k < e.Lines.Count; k++)
            {
                var l = e.Lines[k];
                if (l.Quantity < 0m || l.UnitPrice < 0m || l.Amount < 0m)
                {
                    errors.Add($"{p}.lines[{k}]：数量、单价、金额不能为负数");
                }

                if (l.Amount is decimal a && decimal.Round(a, 2) != a)
                {
                    errors.Add($"{p}.lines[{k}].amount：金额最多两位小数");
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new InputException("结算明细校验未通过：\n" + string.Join('\n', errors));
        }

        var calc = new SettlementCalculator(policy, catalog);
        var acc = new Dictionary<string, decimal[]>(StringComparer.Ordinal);
        var balance = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var totals = new Dictionary<string, (int N, SetlInfo S)>(StringComparer.Ordinal);
        foreach (var p in claims.Persons)
        {
            var a = calc.NewAccumulators();
            foreach (var (k, v) in p.Accumulators ?? [])
            {
                a[policy.SlotIndex(k)] = v;
            }

            acc[p.PsnNo] = a;
            balance[p.PsnNo] = p.AcctBalance;
            totals[p.PsnNo] = (0, default);
        }

        var outcomes = new List<EncounterOutcome>(claims.Encounters.Count);
        var reusable = new SettlementResult();
        SetlInfo grand = default;
        foreach (var e in claims.Encounters.OrderBy(x => x.AdmissionDate))
        {
            var cp = persons[e.PsnNo];
            var person = new PersonSnapshot
            {
                PsnNo = cp.PsnNo,
                Name = cp.Name,
                Insutypes = cp.Insutypes,
                Category = cp.Category,
                Statuses = cp.Statuses,
                Age = cp.Age,
                Gender = (Gender)cp.Gender,
                AccountBalance = balance[cp.PsnNo],
            };
            var encounter = new Encounter
            {
                Id = e.Id,
                VisitType = e.VisitType,
                InstitutionLevel = (InstitutionLevel)e.InstitutionLevel,
                Place = e.Place,
                AdmissionDate = e.AdmissionDate,
                DischargeDate = e.DischargeDate ?? e.AdmissionDate,
                Diagnoses = e.Diagnoses,
                ChronicDisease = e.ChronicDisease,
                InstitutionCode = e.InstitutionCode,
            };
            var lines = e.Lines
                .Select(l => new FeeLine(l.ItemCode, l.Quantity, l.UnitPrice, l.Amount ?? Math.Round(l.Quantity * l.UnitPrice, 2, MidpointRounding.AwayFromZero), l.Date ?? default))
                .ToArray();
            calc.Calculate(person, encounter, lines, acc[cp.PsnNo], reusable);
            reusable.Accumulators.CopyTo(acc[cp.PsnNo], 0);
            balance[cp.PsnNo] -= reusable.Setl.AcctPay;
            var explanation = new string[reusable.StepCount];
            for (var i = 0; i < explanation.Length; i++)
            {
                explanation[i] = ExplanationFormatter.Format(reusable.Steps[i]);
            }

            outcomes.Add(new EncounterOutcome(e, cp, reusable.Setl, reusable.Lines.ToArray(), explanation, reusable.Scheme?.Def.Name));
            var t = totals[cp.PsnNo];
            t.S.Add(reusable.Setl);
            totals[cp.PsnNo] = (t.N + 1, t.S);
            grand.Add(reusable.Setl);
        }

        var personTotals = claims.Persons
            .Select(p => new PersonTotals(
                p,
                totals[p.PsnNo].N,
                totals[p.PsnNo].S,
                policy.SlotNames.Select((n, i) => (n, v: acc[p.PsnNo][i])).Where(x => x.v != 0m).ToDictionary(x => x.n, x => x.v, StringComparer.Ordinal),
                balance[p.PsnNo]))
            .ToList();
        return new RunResult(policy, catalog, outcomes, personTotals, grand);
    }

    private static readonly (string Code, string Name)[] FieldNames =
    [
        ("medfee_sumamt", "医疗费总额"), ("fulamt_ownpay_amt", "全自费金额"), ("overlmt_selfpay", "超限价自费"),
        ("preselfpay_amt", "乙类先行自付"), ("inscp_scp_amt", "符合政策范围金额"), ("act_pay_dedc", "实际支付起付线"),
        ("hifp_pay", "基本医疗保险统筹基金支出"), ("pool_prop_selfpay", "统筹基金支付比例自付"), ("cvlserv_pay", "公务员医疗补助"),
        ("hifob_pay", "职工大额医疗费用补助"), ("hifmi_pay", "居民大病保险"), ("hifdm_pay", "伤残人员医疗保障"),
        ("maf_pay", "医疗救助"), ("oth_pay", "其他支出（含离休）"), ("fund_pay_sumamt", "基金支付总额"),
        ("psn_part_amt", "个人负担总金额"), ("acct_pay", "个人账户支出"), ("psn_cash_pay", "个人现金支出"),
    ];

    public static string RenderText(RunResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sb = new StringBuilder();
        var doc = r.Policy.Document;
        sb.Append(Zh, $"医保结算计算　政策参数：{doc.Name}（{doc.Id}，统筹区 {doc.PoolArea}）\n\n");
        foreach (var o in r.Encounters)
        {
            var e = o.Encounter;
            sb.Append(Zh, $"【就诊 {e.Id}】{o.Person.Name}（{o.Person.PsnNo}）　{e.VisitType.ChineseName()}　机构等级{e.InstitutionLevel}级　{PolicyValidator.PlaceName(e.Place)}　{e.AdmissionDate:yyyy-MM-dd}");
            if (e.DischargeDate is { } dd && dd != e.AdmissionDate)
            {
                sb.Append(Zh, $"～{dd:yyyy-MM-dd}");
            }

            sb.Append('\n');
            sb.Append("  明细：\n");
            for (var i = 0; i < o.Lines.Length; i++)
            {
                var l = o.Lines[i];
                var name = l.ItemIndex >= 0 ? r.Catalog.Items[l.ItemIndex].Name : e.Lines[i].ItemCode;
                sb.Append(Zh, $"    {i + 1,3}. {name}　{ExplanationFormatter.Yuan(l.Amount)}　{ExplanationFormatter.LineClass(l, r.Catalog)}\n");
            }

            sb.Append("  计算过程：\n");
            for (var i = 0; i < o.Explanation.Length; i++)
            {
                sb.Append(Zh, $"    {i + 1}. {o.Explanation[i]}\n");
            }

            sb.Append("  结算结果：\n");
            AppendFields(sb, o.Setl, "    ");
            sb.Append('\n');
        }

        sb.Append("【年度合计（按人员）】\n");
        foreach (var p in r.Persons)
        {
            sb.Append(Zh, $"  {p.Person.Name}（{p.Person.PsnNo}）　就诊{p.Encounters}次　基金支付{ExplanationFormatter.Yuan(p.Setl.FundPaySumamt)}　个人负担{ExplanationFormatter.Yuan(p.Setl.PsnPartAmt)}（账户{ExplanationFormatter.Yuan(p.Setl.AcctPay)}、现金{ExplanationFormatter.Yuan(p.Setl.PsnCashPay)}）\n");
        }

        sb.Append("【总计】\n");
        AppendFields(sb, r.Totals, "  ");
        return sb.ToString();
    }

    private static void AppendFields(StringBuilder sb, in SetlInfo s, string indent)
    {
        var f = s.Fields();
        for (var i = 0; i < f.Length; i++)
        {
            sb.Append(Zh, $"{indent}{FieldNames[i].Name}（{f[i].Name}）：{ExplanationFormatter.Yuan(f[i].Value)}\n");
        }
    }

    public static string RenderJson(RunResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("policy_id", r.Policy.Id);
            w.WriteStartArray("encounters");
            foreach (var o in r.Encounters)
            {
                w.WriteStartObject();
                w.WriteString("id", o.Encounter.Id);
                w.WriteString("psn_no", o.Person.PsnNo);
                w.WriteString("scheme", o.SchemeName);
                w.WritePropertyName("setlinfo");
                WriteSetl(w, o.Setl);
                w.WriteStartArray("lines");
                for (var i = 0; i < o.Lines.Length; i++)
                {
                    var l = o.Lines[i];
                    w.WriteStartObject();
                    w.WriteString("item_code", o.Encounter.Lines[i].ItemCode);
                    w.WriteString("item_name", l.ItemIndex >= 0 ? r.Catalog.Items[l.ItemIndex].Name : null);
                    w.WriteNumber("det_item_fee_sumamt", l.Amount);
                    w.WriteNumber("fulamt_ownpay_amt", l.FulamtOwnpay);
                    w.WriteNumber("overlmt_selfpay", l.Overlmt);
                    w.WriteNumber("preselfpay_amt", l.Preselfpay);
                    w.WriteNumber("inscp_scp_amt", l.Inscp);
                    w.WriteNumber("selfpay_prop", l.SelfPayRatio);
                    w.WriteString("class", ExplanationFormatter.LineClass(l, r.Catalog));
                    w.WriteString("reason", l.Reason == LineReason.None ? null : ExplanationFormatter.Reason(l.Reason));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("explanation");
                foreach (var s in o.Explanation)
                {
                    w.WriteStringValue(s);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WritePropertyName("totals");
            w.WriteStartObject();
            foreach (var (name, value) in r.Totals.Fields())
            {
                w.WriteNumber(name, value);
            }

            w.WriteStartArray("persons");
            foreach (var p in r.Persons)
            {
                w.WriteStartObject();
                w.WriteString("psn_no", p.Person.PsnNo);
                w.WriteString("name", p.Person.Name);
                w.WriteNumber("encounters", p.Encounters);
                w.WritePropertyName("setlinfo");
                WriteSetl(w, p.Setl);
                w.WriteNumber("acct_balance_after", p.AccountBalanceAfter);
                w.WriteStartObject("accumulators");
                foreach (var (k, v) in p.Accumulators)
                {
                    w.WriteNumber(k, v);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    private static void WriteSetl(Utf8JsonWriter w, in SetlInfo s)
    {
        w.WriteStartObject();
        foreach (var (name, value) in s.Fields())
        {
            w.WriteNumber(name, value);
        }

        w.WriteEndObject();
    }
}
