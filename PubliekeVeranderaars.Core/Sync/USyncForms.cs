using System.Globalization;
using System.Xml.Linq;
using PubliekeVeranderaars.Core.Forms;

namespace PubliekeVeranderaars.Core.Sync;

/// <summary>
/// Form definitions as uSync-style files (root element with Key, Alias and Level, one file per form under Forms/).
/// Every element is written, so a round trip is byte-exact; every element is optional when read.
/// </summary>
public static class USyncForms
{
    public const string RootElement = "Form";

    public static XElement Write(FormDefinition form) =>
        new(RootElement,
            new XAttribute("Key", form.Key),
            new XAttribute("Alias", form.Alias),
            new XAttribute("Level", 1),
            new XElement("Info",
                new XElement("Name", form.Name),
                new XElement("Version", form.Version),
                new XElement("SubmitLabel", form.SubmitLabel),
                new XElement("ThankYouMessage", new XCData(form.ThankYouMessage)),
                new XElement("RetentionDays", form.RetentionDays)),
            new XElement("Fields", form.Fields.Select(f =>
                new XElement("Field",
                    new XAttribute("Key", f.Key), new XAttribute("Alias", f.Alias), new XAttribute("Type", f.Type),
                    new XElement("Label", f.Label),
                    new XElement("HelpText", new XCData(f.HelpText)),
                    new XElement("Placeholder", f.Placeholder),
                    new XElement("Mandatory", Bool(f.Mandatory)),
                    new XElement("MandatoryMessage", f.MandatoryMessage),
                    new XElement("Regex", f.Regex),
                    new XElement("RegexMessage", f.RegexMessage),
                    new XElement("Sensitive", Bool(f.IsSensitive)),
                    new XElement("MaxLength", f.MaxLength),
                    new XElement("Autocomplete", f.Autocomplete),
                    new XElement("LinkedPage", f.LinkedPage),
                    new XElement("DefaultValue", f.DefaultValue),
                    new XElement("Prevalues", f.Prevalues.Select(p => new XElement("Prevalue", p)))))),
            new XElement("Workflows", form.Workflows.Select(w =>
                new XElement("Workflow",
                    new XAttribute("Key", w.Key), new XAttribute("Type", w.Type), new XAttribute("SortOrder", w.SortOrder),
                    new XElement("Name", w.Name),
                    new XElement("To", w.To),
                    new XElement("ReplyTo", w.ReplyTo),
                    new XElement("Subject", w.Subject),
                    new XElement("Message", new XCData(w.Message)),
                    new XElement("IncludeFields", Bool(w.IncludeFields)),
                    new XElement("Url", w.Url),
                    new XElement("SecretSetting", w.SecretSetting)))));

    public static FormDefinition Read(XElement root)
    {
        var info = root.Element("Info");
        return new FormDefinition
        {
            Key = Guid(root.Attribute("Key")?.Value),
            Alias = root.Attribute("Alias")?.Value ?? "",
            Name = Text(info, "Name"),
            Version = Int(Text(info, "Version"), 1),
            SubmitLabel = Text(info, "SubmitLabel") is { Length: > 0 } label ? label : "Verstuur",
            ThankYouMessage = Text(info, "ThankYouMessage"),
            RetentionDays = Int(Text(info, "RetentionDays"), 180),
            Fields = (root.Element("Fields")?.Elements("Field") ?? []).Select(f => new FormField
            {
                Key = Guid(f.Attribute("Key")?.Value),
                Alias = f.Attribute("Alias")?.Value ?? "",
                Type = Enum.TryParse<FormFieldType>(f.Attribute("Type")?.Value, out var type) ? type : FormFieldType.ShortText,
                Label = Text(f, "Label"),
                HelpText = Text(f, "HelpText"),
                Placeholder = Text(f, "Placeholder"),
                Mandatory = Bool(Text(f, "Mandatory")),
                MandatoryMessage = Text(f, "MandatoryMessage"),
                Regex = Text(f, "Regex"),
                RegexMessage = Text(f, "RegexMessage"),
                IsSensitive = Bool(Text(f, "Sensitive")),
                MaxLength = Int(Text(f, "MaxLength"), 0),
                Autocomplete = Text(f, "Autocomplete"),
                LinkedPage = Text(f, "LinkedPage"),
                DefaultValue = Text(f, "DefaultValue"),
                Prevalues = (f.Element("Prevalues")?.Elements("Prevalue") ?? []).Select(p => p.Value).ToList(),
            }).ToList(),
            Workflows = (root.Element("Workflows")?.Elements("Workflow") ?? []).Select(w => new FormWorkflow
            {
                Key = Guid(w.Attribute("Key")?.Value),
                Type = Enum.TryParse<FormWorkflowType>(w.Attribute("Type")?.Value, out var type) ? type : FormWorkflowType.SendEmail,
                SortOrder = Int(w.Attribute("SortOrder")?.Value, 0),
                Name = Text(w, "Name"),
                To = Text(w, "To"),
                ReplyTo = Text(w, "ReplyTo"),
                Subject = Text(w, "Subject"),
                Message = Text(w, "Message"),
                IncludeFields = w.Element("IncludeFields") is null || Bool(Text(w, "IncludeFields")),
                Url = Text(w, "Url"),
                SecretSetting = Text(w, "SecretSetting"),
            }).ToList(),
        };
    }

    private static string Bool(bool value) => value ? "true" : "false";
    private static bool Bool(string value) => value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) || value.Trim() == "1";
    private static string Text(XElement? parent, string name) => parent?.Element(name)?.Value ?? "";
    private static int Int(string? value, int fallback) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : fallback;
    private static Guid Guid(string? value) => System.Guid.TryParse(value, out var g) ? g : System.Guid.Empty;
}
