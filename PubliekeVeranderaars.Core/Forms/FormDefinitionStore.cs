using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Forms;

/// <summary>The form definitions in memory: pages render their forms on every request without a query.</summary>
public sealed class FormDefinitionStore(SiteDatabase database)
{
    private volatile IReadOnlyDictionary<Guid, FormDefinition> _byKey = new Dictionary<Guid, FormDefinition>();

    public IEnumerable<FormDefinition> All => _byKey.Values;

    public FormDefinition? ByKey(Guid key) => _byKey.GetValueOrDefault(key);

    public FormDefinition? ByAlias(string alias) =>
        _byKey.Values.FirstOrDefault(f => string.Equals(f.Alias, alias, StringComparison.OrdinalIgnoreCase));

    /// <summary>A form picker stores the form's key; Umbraco Forms writes it as a plain GUID.</summary>
    public FormDefinition? ByPickerValue(string value) => Guid.TryParse(value.Trim(), out var key) ? ByKey(key) : null;

    /// <summary>The form a page hosts: through its first form picker property that names a known form.</summary>
    public FormDefinition? HostedBy(PublishedContent page) =>
        page.Properties.Values.Where(p => p.EditorAlias == EditorAliases.FormPicker).Select(p => ByPickerValue(p.Value)).FirstOrDefault(f => f is not null);

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        _byKey = await db.Forms.AsNoTracking().ToDictionaryAsync(f => f.Key, cancellationToken);
    }
}
