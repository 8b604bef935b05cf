using System.Net;
using AngleSharp.Dom;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Search;

public sealed class SearchRateLimitTests
{
    [Fact]
    public async Task Too_many_searches_from_one_address_get_a_dutch_429_that_keeps_the_words()
    {
        var settings = new Dictionary<string, string?> { ["Search:RateLimit:PermitsPerMinute"] = "2" };
        using var site = new SiteHost(DatabaseProvider.Sqlite, settings);
        using var client = site.CreateHttpClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/zoeken/?q=leren")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/zoeken/?q=delen")).StatusCode);
        var third = await client.GetAsync("/zoeken/?q=%3Cscript%3Eambtenaar");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), third.Headers.RetryAfter?.Delta);
        var page = await Html.ParseAsync(third);
        Assert.Equal("nl", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Wacht een minuut", page.Body!.TextContent);
        Assert.Equal("<script>ambtenaar", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#zoekterm")!.Value);
        Assert.Null(page.QuerySelector("script"));
        // Pages and forms have limits of their own: reading goes on.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/zo-veranderen-wij/")).StatusCode);
    }
}
