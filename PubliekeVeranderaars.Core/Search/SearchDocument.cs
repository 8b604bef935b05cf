using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Search;

/// <summary>What the search index holds of one published page: plain text only, never a sensitive property.</summary>
public sealed record SearchDocument(Guid Key, string Route, string Name, string ContentTypeAlias, string Body, string Stamp);

/// <summary>Maps a published page to the text a visitor may find it by.</summary>
public static class SearchDocumentMapper
{
    /// <summary>
    /// The editors whose values are words a visitor reads on the page. Anything else (e-mail addresses, pickers,
    /// numbers, forms) is left out of the index, whatever the document type says.
    /// </summary>
    private static readonly HashSet<string> TextEditors =
    [
        EditorAliases.TextBox, EditorAliases.TextArea, EditorAliases.RichText, EditorAliases.TinyMce,
        EditorAliases.MultipleTextstring, EditorAliases.Tags,
    ];

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "td", "th",
        "section", "article", "header", "footer", "figure", "figcaption", "hr", "dd", "dt",
    };

    /// <summary>One parser per thread: the index is rebuilt on every core, and a parser is not meant to be shared.</summary>
    private static readonly ThreadLocal<HtmlParser> Parser = new(() => new HtmlParser());

    public static SearchDocument From(PublishedContent content)
    {
        var title = content.GetString("title");
        var name = title.Length > 0 && !title.Equals(content.Name, StringComparison.Ordinal) ? $"{content.Name} — {title}" : content.Name;
        var body = new StringBuilder();
        // The same text in two properties (a summary repeated as the meta description) would show twice in a snippet.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in content.Properties.Values)
        {
            if (!IsSearchable(property) || property.Alias == "title") continue;
            var text = EditorAliases.IsRichText(property.EditorAlias)
                ? TextOf(property.Value)
                : property.EditorAlias is EditorAliases.MultipleTextstring or EditorAliases.Tags
                    ? string.Join("\n", content.GetStrings(property.Alias))
                    : property.Value;
            if (string.IsNullOrWhiteSpace(text) || !seen.Add(text.Trim())) continue;
            if (body.Length > 0) body.Append('\n');
            body.Append(text.Trim());
        }
        var bodyText = body.ToString();
        return new SearchDocument(content.Key, content.Route, name, content.ContentTypeAlias, bodyText,
            Stamp(content, name, bodyText));
    }

    public static bool IsSearchable(PublishedProperty property) =>
        !property.IsSensitive && TextEditors.Contains(property.EditorAlias);

    /// <summary>The readable text of sanitized rich text, with a line break between blocks so words never run together.</summary>
    public static string TextOf(string html)
    {
        if (html.Length == 0) return "";
        var document = Parser.Value!.ParseDocument("<body>" + html);
        var text = new StringBuilder();
        AppendText(document.Body!, text);
        return string.Join('\n', text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static void AppendText(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText t) text.Append(t.Data);
            else if (child is IElement element)
            {
                var block = BlockElements.Contains(element.LocalName);
                if (block) text.Append('\n');
                AppendText(element, text);
                if (block) text.Append('\n');
            }
        }
    }

    /// <summary>
    /// Changes when anything the index holds of the page changes (its text, name, address or type), so that keeping
    /// the index in step with a new snapshot rewrites only the pages that changed.
    /// </summary>
    private static string Stamp(PublishedContent content, string name, string body)
    {
        var source = string.Join('\u001f', content.Route, name, content.ContentTypeAlias, body);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source)), 0, 16);
    }
}
