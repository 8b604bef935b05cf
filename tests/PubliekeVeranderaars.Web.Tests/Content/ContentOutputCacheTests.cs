using System.Net;
using System.Text.RegularExpressions;

namespace PubliekeVeranderaars.Web.Tests.Content;

/// <summary>Pages kept in memory after their first render: the same page for everyone, never someone's own.</summary>
public abstract partial class ContentOutputCacheTests(SiteHost site)
{
    [Fact]
    public async Task A_page_served_again_has_the_same_bytes_and_headers_and_a_head_request_gets_its_length()
    {
        using var client = site.CreateHttpClient();
        using var first = await client.GetAsync("/zo-veranderen-wij/?herhaling=1");
        using var again = await client.GetAsync("/zo-veranderen-wij/?herhaling=1");
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/zo-veranderen-wij/?herhaling=1"));

        var body = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(body, await again.Content.ReadAsByteArrayAsync());
        foreach (var name in new[] { "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "X-Frame-Options" })
            Assert.Equal(first.Headers.GetValues(name), again.Headers.GetValues(name));
        Assert.Equal(first.Content.Headers.ContentType, again.Content.Headers.ContentType);
        Assert.Equal(body.Length, again.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(body.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_page_first_asked_for_on_a_closing_connection_does_not_close_the_next_visitors_connection()
    {
        using var client = site.CreateHttpClient();
        using var closing = new HttpRequestMessage(HttpMethod.Get, "/privacy/?sluiten=1");
        closing.Headers.ConnectionClose = true;
        using var first = await client.SendAsync(closing);
        Assert.True(first.Headers.ConnectionClose);

        using var next = await site.CreateHttpClient().GetAsync("/privacy/?sluiten=1");

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.NotEqual(true, next.Headers.ConnectionClose);
    }

    [Fact]
    public async Task Two_addresses_of_one_page_are_two_pages_and_a_missing_page_is_never_kept()
    {
        using var client = site.CreateHttpClient();
        var firstList = await client.GetStringAsync("/initiatieven/");
        var filtered = await client.GetStringAsync("/initiatieven/?status=gesloten");
        Assert.NotEqual(firstList, filtered);
        Assert.Equal(firstList, await client.GetStringAsync("/initiatieven/"));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/bestaat-niet-in-het-geheugen/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/bestaat-niet-in-het-geheugen/")).StatusCode);
    }

    [Fact]
    public async Task A_page_with_a_form_is_rendered_for_each_visitor_with_their_own_token()
    {
        var tokens = new List<string>();
        for (var visitor = 0; visitor < 2; visitor++)
        {
            using var client = site.CreateHttpClient();
            using var response = await client.GetAsync("/ondertekenen/");
            Assert.True(response.Headers.Contains("Set-Cookie"), "each visitor gets their own antiforgery cookie");
            // Once more with that cookie: a render that sets no cookie, with a token of this visitor's own.
            using var again = await client.GetAsync("/ondertekenen/");
            tokens.Add(AntiforgeryToken().Match(await again.Content.ReadAsStringAsync()).Groups[1].Value);
        }
        Assert.All(tokens, token => Assert.NotEmpty(token));
        Assert.NotEqual(tokens[0], tokens[1]);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class ContentOutputCacheOnSqliteTests(SqliteSiteFixture fixture)
    : ContentOutputCacheTests(fixture.Site), IClassFixture<SqliteSiteFixture>;

public sealed class ContentOutputCacheOnPostgresTests(PostgresSiteFixture fixture)
    : ContentOutputCacheTests(fixture.Site), IClassFixture<PostgresSiteFixture>;
