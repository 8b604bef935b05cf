using System.Net;
using System.Net.Http.Headers;

namespace PubliekeVeranderaars.Web.Tests.Infrastructure;

/// <summary>What a visitor's phone downloads (issue 17): style sheets and scripts compressed, a favicon, no 404s.</summary>
public sealed class StaticAssetsTests(SqliteSiteFixture fixture) : IClassFixture<SqliteSiteFixture>
{
    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Style_sheets_travel_compressed_to_a_browser_that_takes_it(string encoding)
    {
        using var client = fixture.Site.CreateHttpClient();
        var plain = await client.GetByteArrayAsync("/lib/utrecht/component-library.css");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/lib/utrecht/component-library.css");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length < plain.Length / 4);
    }

    [Fact]
    public async Task Pages_are_not_compressed_because_they_carry_tokens_next_to_what_visitors_type()
    {
        using var client = fixture.Site.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ondertekenen/");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        Assert.Empty((await client.SendAsync(request)).Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task There_is_a_favicon_and_pages_name_it()
    {
        using var client = fixture.Site.CreateHttpClient(followRedirects: true);
        var icon = await client.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.StartsWith("image/", icon.Content.Headers.ContentType!.MediaType);
        var page = await Html.ParseAsync(await client.GetAsync("/"));
        Assert.NotNull(page.QuerySelector("link[rel=icon]"));
    }
}
