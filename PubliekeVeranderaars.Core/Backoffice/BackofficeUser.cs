using Microsoft.AspNetCore.Identity;

namespace PubliekeVeranderaars.Core.Backoffice;

/// <summary>A person who works in the back office: communication staff, or an initiative's owner.</summary>
public sealed class BackofficeUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
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

    public static readonly string[] All = [Administrator, Editor, Writer, InitiativeOwner];

    public static string DutchName(string role) => role switch
    {
        Administrator => "Beheerder",
        Editor => "Redacteur",
        Writer => "Schrijver",
        InitiativeOwner => "Eigenaar initiatief",
        _ => role,
    };
}
