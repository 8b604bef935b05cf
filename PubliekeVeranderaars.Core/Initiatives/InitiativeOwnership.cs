using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Initiatives;

/// <summary>An initiative belongs to whoever's address is its owner address: the one rule behind what an owner may see.</summary>
public static class InitiativeOwnership
{
    public const string OwnerEmailAlias = "ownerEmail";

    /// <summary>The published initiatives whose owner address is <paramref name="email"/> (compared as people write addresses).</summary>
    public static IReadOnlySet<Guid> OwnedBy(PublishedSnapshot snapshot, string email) =>
        snapshot.All
            .Where(c => c.ContentTypeAlias == InitiativeStatus.InitiativeTypeAlias
                        && string.Equals(c.GetString(OwnerEmailAlias).Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Key).ToHashSet();
}
