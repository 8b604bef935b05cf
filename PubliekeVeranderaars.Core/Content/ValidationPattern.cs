using System.Text.RegularExpressions;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// A validation pattern that staff wrote (a document type property's, a form field's), matched so that neither a
/// careless pattern nor a busy machine decides the outcome. .NET's non-backtracking engine matches in time linear in
/// the input, so it needs no timeout; a timeout refuses good input whenever the machine stalls the match (a CI run on
/// a loaded machine saw a plain e-mail address refused as "not an e-mail address" after 250 ms). Patterns that engine
/// cannot run (lookarounds, backreferences) go to the backtracking engine, with a timeout long enough for a busy
/// machine and short enough to stop runaway backtracking.
/// </summary>
public static class ValidationPattern
{
    private static readonly TimeSpan BacktrackingTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Patterns the non-backtracking engine refused: .NET's regex cache keeps only patterns that compiled, so without
    /// this every match of such a pattern would throw and catch again.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> NeedsBacktracking = new(StringComparer.Ordinal);

    /// <returns>Whether <paramref name="value"/> matches; false when backtracking ran out of time.</returns>
    /// <exception cref="ArgumentException">The pattern is not a regular expression.</exception>
    public static bool IsMatch(string value, string pattern)
    {
        if (!NeedsBacktracking.ContainsKey(pattern))
        {
            try
            {
                return Regex.IsMatch(value, pattern, RegexOptions.NonBacktracking);
            }
            catch (NotSupportedException)
            {
                NeedsBacktracking.TryAdd(pattern, true);
            }
        }
        try
        {
            return Regex.IsMatch(value, pattern, RegexOptions.None, BacktrackingTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
