namespace PubliekeVeranderaars.Web.Infrastructure;

/// <summary>
/// A setting the site cannot run without is missing or wrong. The site stops before it serves anything and says, in
/// one line, which key to set and how (as a configuration key and as an environment variable).
/// </summary>
public sealed class SiteConfigurationException(string key, string problem, string example)
    : Exception($"{key} {problem}. Set it in appsettings.json or as the environment variable {key.Replace(":", "__", StringComparison.Ordinal)}, for example {key.Replace(":", "__", StringComparison.Ordinal)}={example}")
{
    /// <summary>EX_CONFIG from sysexits.h: what service managers and scripts read as "configuration error".</summary>
    public const int ExitCode = 78;

    public string Key { get; } = key;

    /// <summary>The one line a service manager's journal shows.</summary>
    public int Report()
    {
        Console.Error.WriteLine($"[FTL] The site cannot start: {Message}");
        return ExitCode;
    }

    /// <summary>One line per setting that failed validation (<see cref="Microsoft.Extensions.Options.OptionsValidationException"/>).</summary>
    public static int Report(Microsoft.Extensions.Options.OptionsValidationException invalid)
    {
        foreach (var failure in invalid.Failures) Console.Error.WriteLine($"[FTL] The site cannot start: {failure}");
        return ExitCode;
    }
}
