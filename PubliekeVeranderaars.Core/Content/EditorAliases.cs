namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// Umbraco's property editor aliases. We keep Umbraco's names so that our uSync files import into a real Umbraco
/// and theirs into us; an alias not listed here is still stored, as a raw value.
/// </summary>
public static class EditorAliases
{
    public const string TextBox = "Umbraco.TextBox";
    public const string TextArea = "Umbraco.TextArea";
    public const string RichText = "Umbraco.RichText";
    /// <summary>Umbraco up to 13 called the rich text editor after TinyMCE; 15 renamed it to <see cref="RichText"/>.</summary>
    public const string TinyMce = "Umbraco.TinyMCE";
    public const string TrueFalse = "Umbraco.TrueFalse";
    public const string Integer = "Umbraco.Integer";
    public const string Decimal = "Umbraco.Decimal";
    public const string DateTime = "Umbraco.DateTime";
    public const string EmailAddress = "Umbraco.EmailAddress";
    public const string ContentPicker = "Umbraco.ContentPicker";
    public const string MultipleTextstring = "Umbraco.MultipleTextstring";
    public const string BlockList = "Umbraco.BlockList";
    public const string BlockGrid = "Umbraco.BlockGrid";
    /// <summary>Umbraco 8 to 13's list of elements, replaced by the block list in 14.</summary>
    public const string NestedContent = "Umbraco.NestedContent";
    /// <summary>Several pages (or media) by UDI, comma-separated.</summary>
    public const string MultiNodeTreePicker = "Umbraco.MultiNodeTreePicker";
    /// <summary>A list of links: to pages, media or elsewhere, each with a title and target.</summary>
    public const string MultiUrlPicker = "Umbraco.MultiUrlPicker";
    public const string ColorPicker = "Umbraco.ColorPicker";
    public const string Slider = "Umbraco.Slider";
    public const string ImageCropper = "Umbraco.ImageCropper";
    public const string MarkdownEditor = "Umbraco.MarkdownEditor";
    public const string Tags = "Umbraco.Tags";
    public const string DropDownFlexible = "Umbraco.DropDown.Flexible";
    /// <summary>Umbraco 9+'s media picker: a JSON array of picks, each naming a media item by its key.</summary>
    public const string MediaPicker3 = "Umbraco.MediaPicker3";
    /// <summary>Umbraco Forms' form picker, used by pages that host a form.</summary>
    public const string FormPicker = "UmbracoForms.FormPicker";

    /// <summary>Compared as the plain editors are, ignoring case: "umbraco.richtext" is no reason to skip the sanitiser.</summary>
    public static bool IsRichText(string editorAlias) =>
        string.Equals(editorAlias, RichText, StringComparison.OrdinalIgnoreCase) || string.Equals(editorAlias, TinyMce, StringComparison.OrdinalIgnoreCase);
}
