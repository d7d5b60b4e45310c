using System.Net;
using System.Text.RegularExpressions;
using Yibao.Application.Policies;
using Yibao.Domain.Policies;

namespace Yibao.Web.Tests;

/// <summary>表单编辑: staff change bands, ratios and caps of a 草稿 without writing JSON; same validation as the JSON editor.</summary>
public sealed partial class PolicyFormPageTests(YibaoWebFactory factory) : IClassFixture<YibaoWebFactory>
{
    private const string DabingRatio = "Form.Layers[4].Bands[1].Ratio";

    [Fact]
    public async Task Editing_a_band_in_the_form_saves_a_valid_draft_and_the_diff_shows_only_that_change()
    {
        var (sourceId, draftId) = await ImportAndCloneAsync();
        var client = await factory.LoginAsync(YibaoWebFactory.AdminName, YibaoWebFactory.AdminPassword);
        var (fields, _) = await ReadFormAsync(client, draftId);
        fields[DabingRatio].ShouldBe("0.7");
        fields["Form.Schemes[1].DeductibleAmount"].ShouldBe("500");
        fields[DabingRatio] = "75%";
        fields["Form.Schemes[1].DeductibleAmount"] = "600";

        var response = await PostAsync(client, draftId, fields, "save");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().ShouldContain($"/Policies/View?id={draftId}");

        var doc = await StoredAsync(draftId);
        doc.Layers[4].Bands[1].Ratio.ShouldBe(0.75m);
        doc.Schemes[1].Deductible!.Amount.ShouldBe(600m);
        PolicyValidator.Validate(doc).ShouldBeEmpty();

        var view = WebUtility.HtmlDecode(await client.GetStringAsync($"/Policies/View?id={draftId}&saved=true"));
        view.ShouldContain("已保存参数集草稿");
        view.ShouldContain($"查看与上一版本（{sourceId}）的差异");
        var diff = WebUtility.HtmlDecode(await client.GetStringAsync($"/Policies/Diff?id={sourceId}&id={draftId}"));
        diff.ShouldContain("$.layers[?(@.id==\"dabing\")].bands[1].ratio");
        diff.ShouldContain("0.75");
        diff.ShouldContain("$.schemes[?(@.id==\"r-ip-l2\")].deductible.amount");
        // Numbers are compared by value: the rewritten JSON does not show 1.0 → 1 or other spelling-only changes.
        diff.ShouldNotContain("$.layers[?(@.id==\"jz-tekun\")]");
    }

    [Fact]
    public async Task Bad_entries_get_chinese_errors_by_json_path_and_nothing_is_saved()
    {
        var (_, draftId) = await ImportAndCloneAsync();
        var before = (await factory.WithServiceAsync<PolicyVersion?, PolicyQueriesHandler>(q => q.GetAsync(draftId)))!.Json;
        var client = await factory.LoginAsync(YibaoWebFactory.AdminName, YibaoWebFactory.AdminPassword);
        var (fields, _) = await ReadFormAsync(client, draftId);

        fields["Form.Schemes[0].Bands[0].Ratio"] = "1.5";
        fields["Form.Schemes[2].AnnualCap"] = "二十万";
        var html = WebUtility.HtmlDecode(await (await PostAsync(client, draftId, fields, "save")).Content.ReadAsStringAsync());
        html.ShouldContain("$.schemes[2].annual_cap：年度最高支付限额必须是数字");
        fields["Form.Schemes[2].AnnualCap"] = "200000";
        html = WebUtility.HtmlDecode(await (await PostAsync(client, draftId, fields, "save")).Content.ReadAsStringAsync());
        html.ShouldContain("$.schemes[0].bands[0].ratio：");
        html.ShouldContain("0–1");

        // A gap between bands (the validator's rule, reported by path).
        fields["Form.Schemes[0].Bands[0].Ratio"] = "0.9";
        fields[DabingRatio.Replace("Ratio", "From", StringComparison.Ordinal)] = "120000";
        html = WebUtility.HtmlDecode(await (await PostAsync(client, draftId, fields, "save")).Content.ReadAsStringAsync());
        html.ShouldContain("$.layers[4].bands[1]");

        (await factory.WithServiceAsync<PolicyVersion?, PolicyQueriesHandler>(q => q.GetAsync(draftId)))!.Json.ShouldBe(before);
    }

    [Fact]
    public async Task Band_rows_are_added_and_removed_in_the_form_before_saving()
    {
        var (_, draftId) = await ImportAndCloneAsync();
        var client = await factory.LoginAsync(YibaoWebFactory.AdminName, YibaoWebFactory.AdminPassword);
        var (fields, _) = await ReadFormAsync(client, draftId);

        // 大病: 15,000–100,000 60%, 100,000–200,000 70%, 200,000 以上 80%.
        fields["Form.Layers[4].Bands[1].To"] = "200000";
        var added = await PostAsync(client, draftId, fields, "add:l:4");
        added.StatusCode.ShouldBe(HttpStatusCode.OK);
        var (afterAdd, html) = Extract(await added.Content.ReadAsStringAsync());
        afterAdd["Form.Layers[4].Bands[2].From"].ShouldBe("200000");
        afterAdd["Form.Layers[4].Bands[2].Ratio"].ShouldBe("0.7");
        afterAdd["Form.Layers[4].Bands[1].To"].ShouldBe("200000"); // the unsaved entry survives the round trip
        html.ShouldContain("删除此段");
        afterAdd["Form.Layers[4].Bands[2].Ratio"] = "0.8";
        (await PostAsync(client, draftId, afterAdd, "save")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var doc = await StoredAsync(draftId);
        doc.Layers[4].Bands.Count.ShouldBe(3);
        doc.Layers[4].Bands[2].From.ShouldBe(200000m);
        doc.Layers[4].Bands[2].To.ShouldBeNull();
        doc.Layers[4].Bands[2].Ratio.ShouldBe(0.8m);

        // Remove the third band again and reopen the second.
        var (again, _) = await ReadFormAsync(client, draftId);
        var removed = await PostAsync(client, draftId, again, "del:l:4:2");
        var (afterRemove, _) = Extract(await removed.Content.ReadAsStringAsync());
        afterRemove.ContainsKey("Form.Layers[4].Bands[2].From").ShouldBeFalse();
        afterRemove["Form.Layers[4].Bands[1].To"] = "";
        (await PostAsync(client, draftId, afterRemove, "save")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StoredAsync(draftId)).Layers[4].Bands.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Clerk_cannot_open_the_form_and_an_active_version_is_not_edited()
    {
        var (sourceId, _) = await ImportAndCloneAsync();
        var clerk = await factory.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);
        (await clerk.GetAsync($"/Policies/Form?id={sourceId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await factory.WithServiceAsync<bool, ChangePolicyStatusHandler>(async h => (await h.HandleAsync(new ChangePolicyStatus(sourceId, PolicyStatus.Active))).Succeeded)).ShouldBeTrue();
        var admin = await factory.LoginAsync(YibaoWebFactory.AdminName, YibaoWebFactory.AdminPassword);
        var r = await admin.GetAsync($"/Policies/Form?id={sourceId}");
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        r.Headers.Location!.ToString().ShouldContain($"/Policies/View?id={sourceId}");
        (await admin.GetAsync("/Policies/Form?id=999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<(long Source, long Draft)> ImportAndCloneAsync()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "samples", "policies", "shifanxian-2025.json"));
        var source = await factory.WithServiceAsync<long, SavePolicyVersionHandler>(async h =>
        {
            var r = await h.HandleAsync(new SavePolicyVersion(json));
            r.Succeeded.ShouldBeTrue();
            return r.Value!.Id;
        });
        var draft = await factory.WithServiceAsync<long, ClonePolicyToNextYearHandler>(async h =>
        {
            var r = await h.HandleAsync(new ClonePolicyToNextYear(source));
            r.Succeeded.ShouldBeTrue();
            return r.Value!.Id;
        });
        return (source, draft);
    }

    private async Task<PolicyDocument> StoredAsync(long id) =>
        PolicyJson.Parse((await factory.WithServiceAsync<PolicyVersion?, PolicyQueriesHandler>(q => q.GetAsync(id)))!.Json);

    private static async Task<(Dictionary<string, string> Fields, string Html)> ReadFormAsync(HttpClient client, long id)
    {
        var response = await client.GetAsync($"/Policies/Form?id={id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return Extract(await response.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, long id, Dictionary<string, string> fields, string command) =>
        client.PostAsync($"/Policies/Form?id={id}", new FormUrlEncodedContent(fields.Append(new("Command", command))));

    /// <summary>The values the browser would post from #policy-form (text inputs, hidden inputs, checked boxes, selected options).</summary>
    private static (Dictionary<string, string> Fields, string Html) Extract(string html)
    {
        var start = html.IndexOf("<form method=\"post\" id=\"policy-form\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, html);
        var form = html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)];
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in InputRegex().Matches(form))
        {
            var tag = m.Value;
            var name = Attr(tag, "name");
            if (name is null || (tag.Contains("type=\"checkbox\"", StringComparison.Ordinal) && !tag.Contains("checked", StringComparison.Ordinal)))
            {
                continue;
            }

            if (!fields.ContainsKey(name))
            {
                fields[name] = WebUtility.HtmlDecode(Attr(tag, "value") ?? "");
            }
        }

        foreach (Match m in SelectRegex().Matches(form))
        {
            var selected = OptionRegex().Matches(m.Groups[2].Value).FirstOrDefault(o => o.Value.Contains("selected", StringComparison.Ordinal));
            fields[m.Groups[1].Value] = selected is null ? "" : Attr(selected.Value, "value") ?? "";
        }

        return (fields, WebUtility.HtmlDecode(html));
    }

    private static string? Attr(string tag, string name)
    {
        return AttrRegex().Matches(tag).FirstOrDefault(a => a.Groups[1].Value == name)?.Groups[2].Value;
    }

    private static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Yibao.slnx")))
        {
            d = d.Parent;
        }

        return d!.FullName;
    }

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputRegex();

    [GeneratedRegex("<select\\b[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex SelectRegex();

    [GeneratedRegex("<option\\b[^>]*>")]
    private static partial Regex OptionRegex();

    [GeneratedRegex("\\s([\\w.\\[\\]-]+)=\"([^\"]*)\"")]
    private static partial Regex AttrRegex();
}
