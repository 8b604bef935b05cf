using System.Net;
using Microsoft.EntityFrameworkCore;
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
        await using (var db = first.GetService<SiteDatabase>().Open())
        {
            // Committed with the entry, and never tried: exactly what a crash right after the commit leaves.
            Assert.Equal(2, await db.OutboxMessages.CountAsync(m => m.Status == Core.Mail.OutboxStatus.Pending && m.Attempts == 0 && m.EntryKey != null));
        }
        Assert.Empty(smtp.Messages);
        first.Dispose();

        using var second = new SiteHost(provider, SiteHost.MailTo(smtp), reuse: first);

        await smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == volunteer));
        await smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == "leernetwerk@publiekeveranderaars.example"));
    }

    [Fact]
    public async Task Mail_claimed_by_a_killed_site_goes_out_within_a_minute_after_the_restart()
    {
        var data = Directory.CreateTempSubdirectory("pv-crash-").FullName;
        var volunteer = $"crash.{Guid.NewGuid():N}@example.org";
        // A mail server that accepts the connection and then says nothing: the dispatcher hangs right after its claim.
        var silent = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<System.Net.Sockets.TcpClient>();
        var accepting = Task.Run(async () => { while (true) held.Add(await silent.AcceptTcpClientAsync()); });
        DateTime killed;
        using (var process = SiteProcess.Start(new Dictionary<string, string>
               {
                   ["ASPNETCORE_ENVIRONMENT"] = SiteHost.TestingEnvironment, ["Site__DataDirectory"] = data, ["uSync__Folder"] = RepositoryPaths.USyncSeed,
                   ["Mail__Smtp__Host"] = "127.0.0.1", ["Mail__Smtp__Port"] = ((IPEndPoint)silent.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
               }, "--urls", "http://127.0.0.1:0"))
        {
            await process.WaitForOutputAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            var address = System.Text.RegularExpressions.Regex.Match(process.Output, @"Now listening on: (http://\S+)").Groups[1].Value;
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
            const string path = "/initiatieven/leernetwerk-publieke-innovatie/";
            var page = await Html.ParseAsync(await client.GetAsync(path));
            var fields = FormPoster.Join("Crash", volunteer);
            fields.Add(new(FormPoster.TokenField, page.QuerySelector($"input[name={FormPoster.TokenField}]")!.GetAttribute("value")!));
            Assert.True(FormPoster.IsThankYou(await client.PostAsync(path, new FormUrlEncodedContent(fields))));

            var database = new SiteDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(data, "publiekeveranderaars.db")};Pooling=false");
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                await using var db = database.Open();
                if (await db.OutboxMessages.AnyAsync(m => m.ToAddress == volunteer && m.LockedUntilUtc != null)) break;
                Assert.True(DateTime.UtcNow < deadline, "the dispatcher never claimed the mail");
                await Task.Delay(100);
            }
            process.Kill();
            killed = DateTime.UtcNow;
        }
        silent.Stop();
        foreach (var connection in held) connection.Dispose();

        await using var smtp = new TestSmtpServer();
        var settings = SiteHost.MailTo(smtp);
        settings["Site:DataDirectory"] = data;
        settings["ConnectionStrings:Default"] = "";
        using var restarted = new SiteHost(DatabaseProvider.Sqlite, settings);

        var mail = await smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == volunteer), killed.AddMinutes(1) - DateTime.UtcNow);
        Assert.NotNull(mail);
        restarted.Dispose();
        Directory.Delete(data, recursive: true);
        GC.KeepAlive(accepting);
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
