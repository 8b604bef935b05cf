using System.Text.RegularExpressions;

namespace PubliekeVeranderaars.Core.Content;

public enum TextDiffKind
{
    Same,
    Removed,
    Added,
}

/// <summary>One run of words: the same in both texts, only in the older, or only in the newer.</summary>
public sealed record TextDiffPart(TextDiffKind Kind, string Text);

/// <summary>
/// Which words changed between two versions of a text, for the compare screen: the longest common run of words
/// kept, the rest marked as removed or added. Words, not letters: that is how editors read a change.
/// </summary>
public static partial class TextDiff
{
    /// <summary>
    /// The most cells the table of common runs may have (after the common start and end are set aside): it grows with
    /// the product of both lengths. Beyond it the changed middle is shown as replaced whole.
    /// </summary>
    public const int MaxCells = 1_000_000;

    public static IReadOnlyList<TextDiffPart> Words(string before, string after)
    {
        if (before == after) return before.Length == 0 ? [] : [new TextDiffPart(TextDiffKind.Same, before)];
        var a = Tokens(before);
        var b = Tokens(after);
        var parts = new List<TextDiffPart>();
        void Add(TextDiffKind kind, string token)
        {
            if (token.Length == 0) return;
            if (parts.Count > 0 && parts[^1].Kind == kind) parts[^1] = parts[^1] with { Text = parts[^1].Text + token };
            else parts.Add(new TextDiffPart(kind, token));
        }

        // Most edits change a few words in the middle: the common start and end need no table.
        var start = 0;
        while (start < a.Count && start < b.Count && a[start] == b[start]) Add(TextDiffKind.Same, a[start++]);
        var endA = a.Count;
        var endB = b.Count;
        while (endA > start && endB > start && a[endA - 1] == b[endB - 1]) { endA--; endB--; }
        var n = endA - start;
        var m = endB - start;

        if ((long)n * m > MaxCells)
        {
            Add(TextDiffKind.Removed, string.Concat(a.Skip(start).Take(n)));
            Add(TextDiffKind.Added, string.Concat(b.Skip(start).Take(m)));
        }
        else
        {
            // Longest common run of words, from the end, so the walk below goes forwards.
            var common = new int[n + 1, m + 1];
            for (var i = n - 1; i >= 0; i--)
                for (var j = m - 1; j >= 0; j--)
                    common[i, j] = a[start + i] == b[start + j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            int x = 0, y = 0;
            while (x < n && y < m)
            {
                if (a[start + x] == b[start + y]) { Add(TextDiffKind.Same, a[start + x]); x++; y++; }
                else if (common[x + 1, y] >= common[x, y + 1]) Add(TextDiffKind.Removed, a[start + x++]);
                else Add(TextDiffKind.Added, b[start + y++]);
            }
            while (x < n) Add(TextDiffKind.Removed, a[start + x++]);
            while (y < m) Add(TextDiffKind.Added, b[start + y++]);
        }
        for (var i = endA; i < a.Count; i++) Add(TextDiffKind.Same, a[i]);
        return parts;
    }

    /// <summary>Words with the space that follows them: put back together, the tokens are the text.</summary>
    private static List<string> Tokens(string text) => [.. Token().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\s+|[^\s]+\s*")]
    private static partial Regex Token();
}
