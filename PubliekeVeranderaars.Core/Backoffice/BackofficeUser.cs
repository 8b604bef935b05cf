using Microsoft.AspNetCore.Identity;

namespace PubliekeVeranderaars.Core.Backoffice;

/// <summary>A person who works in the back office: communication staff, or an initiative's owner.</summary>
public sealed class BackofficeUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>
    /// The 30-second step of the last authenticator code accepted: a code of that step or before never works again,
    /// so a code seen over someone's shoulder (or phished) cannot be replayed.
    /// </summary>
    public long? LastTotpTimeStep { get; set; }
}

/// <summary>The roles of ARCHITECTURE.md, from most to least trusted.</summary>
public static class BackofficeRoles
{
    /// <summary>Everything: users, forms, schema.</summary>
    public const string Administrator = "Administrator";
    /// <summary>Edit and publish content, entries, exports.</summary>
    public const string Editor = "Editor";
    /// <summary>Edit and send for publishing; cannot publish.</summary>
    public const string Writer = "Writer";
    /// <summary>Only the entries of the initiatives whose owner address is theirs.</summary>
    public const string InitiativeOwner = "InitiativeOwner";
    /// <summary>Only privacy requests: look up, export and erase one person's data, and the retention overview.</summary>
    public const string Privacy = "Privacy";

    public static readonly string[] All = [Administrator, Editor, Writer, InitiativeOwner, Privacy];

    /// <summary>The roles that may change what visitors see (publish, move, delete) and handle personal data.</summary>
    public static readonly string[] Publishers = [Administrator, Editor];

    public static bool MayPublish(System.Security.Claims.ClaimsPrincipal user) => Publishers.Any(user.IsInRole);

    public static string DutchName(string role) => role switch
    {
        Administrator => "Beheerder",
        Editor => "Redacteur",
        Writer => "Schrijver",
        InitiativeOwner => "Eigenaar initiatief",
        Privacy => "Privacyverzoeken",
        _ => role,
    };
}
