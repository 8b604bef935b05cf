using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Signatures;

/// <summary>Pending and confirmed signatures per mail domain, so staff can spot a flood from one domain.</summary>
public sealed class SignatureDomainReport(SiteDatabase database)
{
    public async Task<IReadOnlyList<SignatureDomainLine>> BuildAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        var lines = new Dictionary<string, (int Pending, int Confirmed)>(StringComparer.Ordinal);
        // Streamed and grouped here: the domain is the part after '@', which neither provider indexes.
        await foreach (var s in db.Signatures.AsNoTracking().Select(s => new { s.Email, s.Status }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var domain = s.Email[(s.Email.LastIndexOf('@') + 1)..];
            var (pending, confirmed) = lines.GetValueOrDefault(domain);
            lines[domain] = s.Status == SignatureStatus.Confirmed ? (pending, confirmed + 1) : (pending + 1, confirmed);
        }
        return lines.Select(l => new SignatureDomainLine(l.Key, l.Value.Pending, l.Value.Confirmed))
            .OrderByDescending(l => l.Pending + l.Confirmed).ThenBy(l => l.Domain, StringComparer.Ordinal).ToList();
    }
}

public sealed record SignatureDomainLine(string Domain, int Pending, int Confirmed);
