using System.Diagnostics;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Delivery;

/// <summary>
/// A front end built for Umbraco works unchanged (issue 16): tests/delivery-clients generates a typed client from the
/// OpenAPI document this site serves where Umbraco serves its own (openapi-typescript), type-checks the calls a front
/// end makes against it, sends them with openapi-fetch, and runs Umbraco's own acceptance-test helper
/// (ContentDeliveryApiHelper of @umbraco/playwright-testhelpers), all against the running site.
/// </summary>
public sealed class GeneratedClientTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_generated_client_and_umbracos_own_helper_work_against_the_site()
    {
        using var site = new SiteHost(DatabaseProvider.Sqlite);
        var suite = Path.Combine(RepositoryPaths.Root, "tests", "delivery-clients");
        var start = new ProcessStartInfo("npm", "run --silent suite")
        {
            WorkingDirectory = suite,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PV_SITE_URL"] = site.BaseAddress.ToString() },
        };

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await errors;

        Assert.True(process.ExitCode == 0, text);
        Assert.Contains("all checks passed", text);
        // The suite's checks ran, every one of them: not an empty run that passes by doing nothing.
        Assert.True(text.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)) >= 15, text);
    }
}
