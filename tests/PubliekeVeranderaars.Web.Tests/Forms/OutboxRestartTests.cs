using System.Net;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Forms;

/// <summary>Sites that stop, restart or throttle: each test runs its own hosts.</summary>
public class OutboxRestartTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Mail_committed_before_the_site_stopped_goes_out_after_the_next_start(DatabaseProvider provider)
    {
        await using var smtp = new TestSmtpServer();
        var volunteer = $"herstart.{Guid.NewGuid():N}@example.org";
        var stopped = SiteHost.MailTo(smtp);
        // The dispatcher never runs: the site "stops" right after the commit, before anything is sent.
        stopped["Mail:Outbox:Enabled"] = "false";
        var first = new SiteHost(provider, stopped) { KeepDataOnDispose = true };
        using (var poster = new FormPoster(first))
        {
            var response = await poster.PostAsync("/initiatieven/leernetwerk-publieke-innovatie/", FormPoster.Join("Herstart", volunteer));
            Assert.True(FormPoster.IsThankYou(response));
        }
        await Task.Delay(500);
        Assert.Empty(smtp.Messages);
        first.Dispose();

        using var second = new SiteHost(provider, SiteHost.MailTo(smtp), reuse: first);

        await smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == volunteer));
        await smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == "leernetwerk@publiekeveranderaars.example"));
    }

    [Fact]
    public async Task Too_many_posts_from_one_address_get_a_dutch_429_page()
    {
        var settings = new Dictionary<string, string?> { ["Forms:RateLimit:PermitsPerMinute"] = "2" };
        using var site = new SiteHost(DatabaseProvider.Sqlite, settings);
        using var poster = new FormPoster(site);
        const string path = "/initiatieven/innovatielab-open-overheid/";

        await poster.PostAsync(path, FormPoster.Join("Een", "een@example.org"));
        await poster.PostAsync(path, FormPoster.Join("Twee", "twee@example.org"));
        var third = await poster.PostAsync(path, FormPoster.Join("Drie", "drie@example.org"));

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), third.Headers.RetryAfter?.Delta);
        var page = await Html.ParseAsync(third);
        Assert.Equal("nl", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Wacht een minuut", page.Body!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await poster.Client.GetAsync(path)).StatusCode);
    }
}
