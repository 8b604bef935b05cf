using System.Diagnostics;
using Xunit.Abstractions;

namespace PubliekeVeranderaars.Web.Tests.Deploy;

/// <summary>The published site behind nginx with TLS, as docs/deploy.md sets it up (tests/deploy/behind-nginx.sh).</summary>
public sealed class BehindNginxTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Behind_nginx_the_published_site_sends_hsts_secure_cookies_https_mail_links_and_limits_per_client()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "tests", "deploy", "behind-nginx.sh"));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A guard against a hang, not a speed target: a Release ReadyToRun publish beside the other test runs on two
        // cores once took longer than five minutes.
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        var printed = await stdout + await stderr;
        output.WriteLine(printed);

        Assert.True(process.ExitCode == 0, printed);
        Assert.Contains("all checks passed", printed);
    }
}
