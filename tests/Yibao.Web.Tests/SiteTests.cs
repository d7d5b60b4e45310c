using System.Net;
using System.Text.Json;

namespace Yibao.Web.Tests;

public sealed class SiteTests(YibaoWebFactory app) : IClassFixture<YibaoWebFactory>
{
    [Fact]
    public async Task OpenApi_document_is_served_anonymously()
    {
        var response = await app.NewClient().GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        doc.RootElement.TryGetProperty("openapi", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Scalar_is_served_anonymously()
    {
        var response = await app.NewClient().GetAsync("/scalar");
        if (response.StatusCode == HttpStatusCode.Found)
        {
            // Scalar redirects /scalar to /scalar/ (relative asset paths).
            response.Headers.Location!.ToString().ShouldNotContain("/Account/Login");
            response = await app.NewClient().GetAsync(response.Headers.Location);
        }

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
    }

    [Fact]
    public async Task Healthz_is_200()
    {
        (await app.NewClient().GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_url_gives_the_Chinese_404_page()
    {
        var client = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);

        var response = await client.GetAsync("/no/such/page");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("页面不存在");
        html.ShouldContain("<html lang=\"zh-CN\">");
    }

    [Theory]
    [InlineData(404, "页面不存在")]
    [InlineData(403, "无权访问")]
    [InlineData(500, "系统出错了")]
    [InlineData(418, "请求未能完成")]
    public async Task Error_pages_are_anonymous_and_Chinese(int code, string text)
    {
        var response = await app.NewClient().GetAsync($"/Error/{code}");

        ((int)response.StatusCode).ShouldBe(code);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain(text);
        html.ShouldNotContain("Exception");
    }

    [Fact]
    public async Task Api_unauthenticated_is_401_problem_details_in_Chinese()
    {
        var response = await app.NewClient().GetAsync("/api/v1/me");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        doc.RootElement.GetProperty("status").GetInt32().ShouldBe(401);
        doc.RootElement.GetProperty("code").GetString().ShouldBe("unauthenticated");
        doc.RootElement.GetProperty("title").GetString().ShouldBe("未登录或凭据无效");
        doc.RootElement.GetProperty("detail").GetString()!.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Api_unknown_path_is_problem_details_not_a_redirect()
    {
        var client = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);

        var response = await client.GetAsync("/api/v1/no-such-thing");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        doc.RootElement.GetProperty("code").GetString().ShouldBe("not-found");
        doc.RootElement.GetProperty("title").GetString().ShouldBe("资源不存在");
    }

    [Fact]
    public async Task Api_me_answers_for_a_logged_in_user()
    {
        var client = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);

        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/v1/me"));

        doc.RootElement.GetProperty("displayName").GetString().ShouldBe("李经办");
    }

    [Fact]
    public async Task Home_shows_dashboard_figures_and_chart()
    {
        var client = await app.LoginAsync(YibaoWebFactory.ClerkName, YibaoWebFactory.ClerkPassword);

        var html = await client.GetStringAsync("/");

        foreach (var label in new[] { "参保人员", "家庭户", "参保单位", "定点医药机构", "工作人员账号", "今日操作" })
        {
            html.ShouldContain(label);
        }

        html.ShouldContain("data-chart=\"bar\"");
        html.ShouldContain("/lib/echarts/echarts.min.js");
        html.ShouldContain("零售药店");
        // A 经办员 sees no 系统管理 screens.
        html.ShouldNotContain("href=\"/Admin/Users\"");
        html.ShouldNotContain("href=\"/Admin/Audit\"");
        html.ShouldNotContain("系统管理");
    }
}
