using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Mail;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Privacy;

/// <summary>
/// A salted hash of an address: the audit trail and the request register say that a person was erased, and staff
/// can check it for an address they are given, but the database cannot be read back to the address (an unsalted
/// hash of an address is found in seconds by hashing a list of addresses). The salt is random per site, in its
/// database, so every web node hashes alike.
/// </summary>
public sealed class PrivacyHashes(SiteDatabase database, SiteWriter writer)
{
    private const string SaltName = "privacy-salt";
    private const int SaltBytes = 32;
    /// <summary>128 bits: no collisions among a site's addresses, short enough to read in an audit line.</summary>
    private const int HashHexLength = 32;

    private byte[]? _salt;

    public async Task<string> HashAsync(string address, CancellationToken ct = default)
    {
        var salt = _salt ??= await SaltAsync(ct);
        var hash = HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(MailAddresses.Mailbox(address)));
        return Convert.ToHexStringLower(hash)[..HashHexLength];
    }

    private async Task<byte[]> SaltAsync(CancellationToken ct)
    {
        await using (var db = database.Open())
        {
            if (await db.SiteSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == SaltName, ct) is { } stored)
                return Convert.FromBase64String(stored.Value);
        }
        try
        {
            var salt = RandomNumberGenerator.GetBytes(SaltBytes);
            await writer.WriteAsync(Actor.System, write => write.Db.SiteSecrets.Add(new SiteSecret { Name = SaltName, Value = Convert.ToBase64String(salt) }), ct);
            return salt;
        }
        catch (DbUpdateException)
        {
            // Another node made it first: use theirs.
            await using var db = database.Open();
            return Convert.FromBase64String((await db.SiteSecrets.AsNoTracking().FirstAsync(s => s.Name == SaltName, ct)).Value);
        }
    }
}
