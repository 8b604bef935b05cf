namespace PubliekeVeranderaars.Core.Forms;

/// <summary>
/// A form, after Umbraco Forms: fields, what happens on submit (workflows), and how long entries are kept.
/// Definitions are files under uSync/v17/Forms/ and are imported like the schema.
/// </summary>
public sealed class FormDefinition
{
    public Guid Key { get; set; }
    public string Alias { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Raised with every change to the definition; each entry records the version it was made with.</summary>
    public int Version { get; set; } = 1;
    public string SubmitLabel { get; set; } = "Verstuur";
    public string ThankYouMessage { get; set; } = "Bedankt, we hebben je gegevens ontvangen.";
    /// <summary>Entries older than this are deleted by the retention job; the form states it to the visitor.</summary>
    public int RetentionDays { get; set; } = 180;
    public List<FormField> Fields { get; set; } = [];
    public List<FormWorkflow> Workflows { get; set; } = [];

    public FormField? Field(string alias) =>
        Fields.FirstOrDefault(f => string.Equals(f.Alias, alias, StringComparison.OrdinalIgnoreCase));
}

public enum FormFieldType
{
    ShortText,
    Email,
    LongText,
    Checkbox,
    CheckboxList,
    Dropdown,
    Radio,
    DataConsent,
    Hidden,
}

public sealed class FormField
{
    public Guid Key { get; set; }
    /// <summary>The HTML input's name, the key of the stored value and of <c>{alias}</c> magic strings.</summary>
    public string Alias { get; set; } = "";
    public FormFieldType Type { get; set; }
    public string Label { get; set; } = "";
    public string HelpText { get; set; } = "";
    public string Placeholder { get; set; } = "";
    public bool Mandatory { get; set; }
    public string MandatoryMessage { get; set; } = "";
    public string Regex { get; set; } = "";
    public string RegexMessage { get; set; } = "";
    public List<string> Prevalues { get; set; } = [];
    /// <summary>Personal data shown only to those who may see it, and left out of posts to other systems.</summary>
    public bool IsSensitive { get; set; }
    /// <summary>0 means the type's own limit (<see cref="FormFieldLimits"/>).</summary>
    public int MaxLength { get; set; }
    /// <summary>The HTML autocomplete token (name, email, organization...), so browsers can fill it in (WCAG 1.3.5).</summary>
    public string Autocomplete { get; set; } = "";
    /// <summary>For data consent fields: the page that explains the processing (a content UDI).</summary>
    public string LinkedPage { get; set; } = "";
    public string DefaultValue { get; set; } = "";

    public bool IsSingleLine => Type is FormFieldType.ShortText or FormFieldType.Email or FormFieldType.Hidden
        or FormFieldType.Dropdown or FormFieldType.Radio;
    public bool HasPrevalues => Type is FormFieldType.Dropdown or FormFieldType.Radio or FormFieldType.CheckboxList;
    public bool IsBoolean => Type is FormFieldType.Checkbox or FormFieldType.DataConsent;
    /// <summary>Text the visitor wrote (not a choice we offered): never repeated to an address nobody has verified.</summary>
    public bool IsTypedFreely => !HasPrevalues && !IsBoolean;
}

/// <summary>Length limits per field type: generous for people, small enough that nobody can fill the database.</summary>
public static class FormFieldLimits
{
    public const int ShortText = 200;
    /// <summary>RFC 5321 caps a forward path at 256 octets, so an address is at most 254 characters.</summary>
    public const int Email = 254;
    public const int LongText = 4000;
    public const int Choice = 200;

    public static int For(FormField field) => field.MaxLength > 0 ? field.MaxLength : field.Type switch
    {
        FormFieldType.Email => Email,
        FormFieldType.LongText => LongText,
        FormFieldType.ShortText or FormFieldType.Hidden => ShortText,
        _ => Choice,
    };
}

public enum FormWorkflowType
{
    SendEmail,
    PostToUrl,
    /// <summary>Records a signature under the manifesto (with its own double opt-in mail) instead of an entry.</summary>
    Signature,
}

/// <summary>
/// What happens after a valid submission, in order. Each workflow becomes its own outbox message, retried on its own,
/// so one failing workflow never holds up another nor the visitor.
/// </summary>
public sealed class FormWorkflow
{
    public Guid Key { get; set; }
    public string Name { get; set; } = "";
    public FormWorkflowType Type { get; set; }
    public int SortOrder { get; set; }
    /// <summary>Send e-mail: recipient, with magic strings (<c>{email}</c>, <c>[#ownerEmail]</c>).</summary>
    public string To { get; set; } = "";
    public string ReplyTo { get; set; } = "";
    public string Subject { get; set; } = "";
    /// <summary>The mail's opening text; magic strings allowed. The submitted fields follow when <see cref="IncludeFields"/>.</summary>
    public string Message { get; set; } = "";
    public bool IncludeFields { get; set; } = true;
    /// <summary>Post to URL: the address that receives the entry as JSON.</summary>
    public string Url { get; set; } = "";
    /// <summary>Post to URL: the configuration key that holds the HMAC secret (never the secret itself).</summary>
    public string SecretSetting { get; set; } = "";

    /// <summary>
    /// Mails the address a visitor typed (<c>{email}</c>), which nobody has verified: anyone could type someone else's.
    /// </summary>
    public bool SendsToTypedAddress => Type == FormWorkflowType.SendEmail && FormMagicStrings.MentionsField(To);
}
