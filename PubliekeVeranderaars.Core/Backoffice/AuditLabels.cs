namespace PubliekeVeranderaars.Core.Backoffice;

/// <summary>The audit trail's actions as people read them (staff, and a person asking what we hold). The stored codes stay English and stable.</summary>
public static class AuditLabels
{
    private static readonly Dictionary<string, string> Dutch = new(StringComparer.Ordinal)
    {
        [AuditActions.Login] = "Ingelogd",
        [AuditActions.LoginFailed] = "Inloggen mislukt",
        [AuditActions.LockedOut] = "Account tijdelijk geblokkeerd",
        [AuditActions.Logout] = "Uitgelogd",
        [AuditActions.Save] = "Opgeslagen",
        [AuditActions.SendForPublishing] = "Ter publicatie aangeboden",
        [AuditActions.Publish] = "Gepubliceerd",
        [AuditActions.Unpublish] = "Publicatie ingetrokken",
        [AuditActions.Rollback] = "Oude versie teruggezet",
        [AuditActions.Delete] = "Naar de prullenbak",
        [AuditActions.Restore] = "Teruggezet uit de prullenbak",
        [AuditActions.Move] = "Verplaatst",
        [AuditActions.Sort] = "Volgorde gewijzigd",
        [AuditActions.ExportPersonalData] = "Persoonsgegevens geëxporteerd",
        [AuditActions.LookUpPersonalData] = "Persoonsgegevens opgezocht",
        [AuditActions.RoleChange] = "Rol gewijzigd",
        [AuditActions.RetryMail] = "Mail opnieuw verstuurd",
        [AuditActions.PasswordSet] = "Wachtwoord ingesteld",
        [AuditActions.Invite] = "Uitgenodigd",
        [AuditActions.USyncImport] = "uSync geïmporteerd",
        [AuditActions.TwoFactor] = "Tweestapsverificatie gewijzigd",
        [AuditActions.USyncExport] = "uSync geëxporteerd",
        [AuditActions.SearchRebuild] = "Zoekindex opnieuw opgebouwd",
        [AuditActions.RemoveUser] = "Gebruiker verwijderd",
        [AuditActions.Schedule] = "Gepland",
        [AuditActions.Create] = "Aangemaakt",
        [AuditActions.Sign] = "Ondertekend (nog niet bevestigd)",
        [AuditActions.ConfirmSignature] = "Ondertekening bevestigd",
        [AuditActions.WithdrawSignature] = "Ondertekening ingetrokken",
        [AuditActions.SendUpdate] = "Update verstuurd",
        [AuditActions.Unsubscribe] = "Afgemeld voor updates",
        [AuditActions.SubmitEntry] = "Aanmelding ontvangen",
        [AuditActions.DeleteEntry] = "Inzending verwijderd",
        [AuditActions.DeleteExpired] = "Verlopen gegevens verwijderd",
        [AuditActions.ContentRepair] = "Inhoud hersteld",
        [AuditActions.MediaUpload] = "Media geüpload",
        [AuditActions.MediaCreateFolder] = "Mediamap gemaakt",
        [AuditActions.FollowUpEntry] = "Aanmelding opgevolgd",
        [AuditActions.SharePreview] = "Voorbeeldlink gedeeld",
        [AuditActions.RevokePreview] = "Voorbeeldlink ingetrokken",
        [AuditActions.DeletePermanently] = "Definitief verwijderd",
        [AuditActions.ErasePersonalData] = "Persoonsgegevens gewist",
        [AuditActions.RegisterPrivacyRequest] = "Privacyverzoek vastgelegd",
        [AuditActions.AnswerPrivacyRequest] = "Privacyverzoek beantwoord",
    };

    /// <summary>The Dutch label; an unknown code (from an older or newer version) is shown as it is.</summary>
    public static string For(string action) => Dutch.GetValueOrDefault(action, action);

    public static IEnumerable<string> KnownActions => Dutch.Keys;
}
