using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Signatures;

/// <summary>The tokens in signature mails: <see cref="SecretTokens"/>.</summary>
public static class SignatureTokens
{
    public const int TokenLength = SecretTokens.TokenLength;

    public static string NewToken() => SecretTokens.NewToken();

    public static string Hash(string token) => SecretTokens.Hash(token);

    public static bool LooksValid(string? token) => SecretTokens.LooksValid(token);

    /// <summary>The stored token a mailed link carries, for one purpose and not expired; null for anything else.</summary>
    public static async Task<SignatureToken?> FindAsync(SiteDatabase database, string? token, SignatureTokenPurpose purpose, DateTime now,
        CancellationToken ct = default)
    {
        if (!LooksValid(token)) return null;
        var hash = Hash(token!);
        await using var db = database.Open();
        return await db.SignatureTokens.AsNoTracking()
            .FirstOrDefaultAsync(t => t.Hash == hash && t.Purpose == purpose && (t.ExpiresUtc == null || t.ExpiresUtc > now), ct);
    }
}
