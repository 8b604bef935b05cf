using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Sync;

/// <summary>
/// Umbraco's content templates ("blueprints"), as uSync carries them (<c>Blueprints/</c>, or <c>IsBlueprint</c>): kept as
/// they came, exported again, and offered in the back office to start a new page from, with the blueprint's values.
/// </summary>
public sealed class USyncBlueprints(SiteDatabase database, ContentEditingService editing, RichTextSanitizer richText)
{
    public async Task<IReadOnlyList<ContentBlueprint>> AllAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        // Only what can be a blueprint: this screen asks on every page opened, and the verbatim items can be many.
        var items = await db.USyncRawItems.AsNoTracking()
            .Where(i => i.Folder == USyncFolders.Blueprints || i.Xml.Contains("IsBlueprint")).ToListAsync(ct);
        return [.. items.Select(Read).OfType<ContentBlueprint>().OrderBy(b => b.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>A new unpublished page below <paramref name="parentKey"/>, of the blueprint's type, holding its values.</summary>
    public async Task<ContentOperationResult> CreatePageAsync(Guid blueprintKey, Guid parentKey, string name, Actor actor, CancellationToken ct = default)
    {
        var blueprint = (await AllAsync(ct)).FirstOrDefault(b => b.Key == blueprintKey);
        if (blueprint is null) return ContentOperationResult.NotFound();
        await using var db = database.Open();
        var type = await db.DocumentTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Alias == blueprint.ContentTypeAlias, ct);
        var types = await db.DocumentTypes.AsNoTracking().ToDictionaryAsync(t => t.Alias, StringComparer.OrdinalIgnoreCase, ct);
        // A file from elsewhere is untrusted: its rich text is cleaned before it becomes a page's draft.
        var richAliases = type?.AllProperties(types).Where(p => EditorAliases.IsRichText(p.EditorAlias)).Select(p => p.Alias).ToHashSet() ?? [];
        var values = blueprint.Values.Select(v => richAliases.Contains(v.Alias) ? v with { Value = richText.SanitizeStored(v.Value) } : v).ToList();
        return await editing.CreateDraftAsync(parentKey, blueprint.ContentTypeAlias, name, actor, ct, values);
    }

    private static ContentBlueprint? Read(USyncRawItem item)
    {
        XElement root;
        try { root = XElement.Parse(item.Xml); }
        catch (System.Xml.XmlException) { return null; }
        if (root.Name.LocalName != "Content") return null;
        var isBlueprint = item.Folder == USyncFolders.Blueprints
                          || string.Equals(root.Element("Info")?.Element("IsBlueprint")?.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        if (!isBlueprint) return null;
        var content = USyncReader.ReadContent(root);
        return new ContentBlueprint(content.Key, content.Name, content.ContentTypeAlias, content.Values);
    }
}

/// <summary>A blueprint: its name, the document type of the pages made from it, and the values they start with.</summary>
public sealed record ContentBlueprint(Guid Key, string Name, string ContentTypeAlias, IReadOnlyList<ContentPropertyValue> Values);
