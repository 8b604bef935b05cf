using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Tests.Content;

public class PropertyEditorValuesTests
{
    private static readonly RichTextSanitizer Sanitizer = new();

    [Theory]
    [InlineData(EditorAliases.TrueFalse, "", new string[0])]
    [InlineData(EditorAliases.TrueFalse, "true", new[] { "1" })]
    [InlineData(EditorAliases.TextBox, "  ruimte  ", new[] { "  ruimte  " })]
    [InlineData(EditorAliases.TextBox, "twee\nregels", new[] { "tweeregels" })]
    [InlineData(EditorAliases.EmailAddress, " jan@example.org ", new[] { "jan@example.org" })]
    [InlineData(EditorAliases.TextArea, "een\ntwee\n", new[] { "een\r\ntwee\r\n" })]
    [InlineData(EditorAliases.Integer, " 12", new[] { "" })]
    [InlineData(EditorAliases.DateTime, "2023-07-28T12:00:00", new[] { "2023-07-28T12:00" })]
    [InlineData(EditorAliases.DateTime, "28-07-2023", new[] { "" })]
    [InlineData(EditorAliases.DropDownFlexible, "[\"Blauw\"]", new[] { "Blauw" })]
    [InlineData(EditorAliases.DropDownFlexible, "", new[] { "" })]
    [InlineData(EditorAliases.MultipleTextstring, "[\"een\",\"twee\"]", new[] { "een\r\ntwee" })]
    [InlineData(EditorAliases.RichText, "{\"markup\":\"<p>Hoi</p>\",\"blocks\":null}", new[] { "<p>Hoi</p>" })]
    [InlineData("Our.Unknown.Editor", "{\n  \"a\": 1\n}", new[] { "{\r\n  \"a\": 1\r\n}" })]
    public void A_field_posted_as_a_browser_shows_it_keeps_the_stored_value(string editor, string stored, string[] posted) =>
        Assert.Equal(stored, PropertyEditorValues.FromForm(editor, posted, stored, Sanitizer));

    [Fact]
    public void A_changed_choice_keeps_umbracos_array_shape_and_its_letters() =>
        Assert.Equal("[\"Geel\",\"Groen ë\"]", PropertyEditorValues.FromForm(EditorAliases.DropDownFlexible, ["Geel", "Groen ë"], "[\"Blauw\"]", Sanitizer));

    [Fact]
    public void A_changed_choice_of_an_older_site_stays_one_plain_value() =>
        Assert.Equal("Geel", PropertyEditorValues.FromForm(EditorAliases.DropDownFlexible, ["Geel"], "Blauw", Sanitizer));

    [Fact]
    public void Changed_lines_keep_the_shape_they_were_stored_in()
    {
        Assert.Equal("[\"één\",\"twee\"]", PropertyEditorValues.FromForm(EditorAliases.MultipleTextstring, ["één\r\ntwee\r\n"], "[\"een\"]", Sanitizer));
        Assert.Equal("één\ntwee", PropertyEditorValues.FromForm(EditorAliases.MultipleTextstring, ["één\r\ntwee"], "een", Sanitizer));
    }

    [Fact]
    public void Changed_rich_text_in_umbracos_json_keeps_its_blocks()
    {
        const string stored = "{\"markup\":\"<p>Oud</p>\",\"blocks\":{\"layout\":{},\"contentData\":[],\"settingsData\":[]}}";

        var saved = PropertyEditorValues.FromForm(EditorAliases.RichText, ["<p>Nieuw één<script>x()</script></p>"], stored, Sanitizer);

        Assert.Equal("{\"markup\":\"<p>Nieuw één</p>\",\"blocks\":{\"layout\":{},\"contentData\":[],\"settingsData\":[]}}", saved);
    }

    [Fact]
    public void A_link_typed_in_the_html_source_without_https_is_saved_as_the_address_meant() =>
        Assert.Equal("<p><a href=\"https://www.x.nl\">x</a></p>",
            PropertyEditorValues.FromForm(EditorAliases.RichText, ["<p><a href=\"www.x.nl\">x</a></p>"], "<p>Oud</p>", Sanitizer));

    [Fact]
    public void A_changed_date_is_stored_as_umbraco_stores_dates() =>
        Assert.Equal("2026-12-01T09:30:00", PropertyEditorValues.FromForm(EditorAliases.DateTime, ["2026-12-01T09:30"], "2023-07-28T12:00:00", Sanitizer));

    [Theory]
    [InlineData("{\"items\":[\"Rood\",\"Blauw\"]}")]
    [InlineData("{\"Items\":[{\"id\":1,\"value\":\"Rood\"},{\"id\":2,\"value\":\"Blauw\"}]}")]
    [InlineData("{\"items\":[{\"value\":\"Rood\"},{\"value\":\"Blauw\"}],\"multiple\":false}")]
    public void Choices_are_read_from_every_shape_umbraco_stored_them_in(string config) =>
        Assert.Equal(["Rood", "Blauw"], PropertyEditorValues.Choices(new DataType { ConfigJson = config }));

    private static readonly Guid About = Guid.Parse("77777777-7777-7777-7777-777777777777");
    private static readonly Guid Contact = Guid.Parse("88888888-8888-8888-8888-888888888888");

    private static string? Names(string reference) =>
        reference.Contains(About.ToString("N"), StringComparison.OrdinalIgnoreCase) || reference.Contains(About.ToString(), StringComparison.OrdinalIgnoreCase) ? "Over ons"
        : reference.Contains(Contact.ToString("N"), StringComparison.OrdinalIgnoreCase) || reference.Contains(Contact.ToString(), StringComparison.OrdinalIgnoreCase) ? "Contact"
        : null;

    /// <summary>Each editor's stored shapes as the compare screen shows them: names and text, no codes, no JSON, no escapes.</summary>
    public static TheoryData<string, string, string[]> ReadableShapes() => new()
    {
        { "Umbraco.MultiNodeTreePicker", $"umb://document/{About:N},umb://document/{Contact:N}", ["Over ons", "Contact"] },
        { "Umbraco.MultiNodeTreePicker", $$"""[{"type":"document","unique":"{{About}}"},{"type":"document","unique":"{{Contact}}"}]""", ["Over ons", "Contact"] },
        { "Umbraco.MultiUrlPicker", $$"""[{"name":"Lees meer","udi":"umb://document/{{About:N}}"},{"name":"Rijksoverheid","url":"https://www.rijksoverheid.nl/"}]""", ["Lees meer", "Rijksoverheid", "https://www.rijksoverheid.nl/"] },
        { "Umbraco.Tags", "[\"ambtenaren\",\"co\\u00EBperatie\"]", ["ambtenaren", "coëperatie"] },
        { "Umbraco.CheckBoxList", "[\"Utrecht\",\"Zwolle\"]", ["Utrecht", "Zwolle"] },
        { "Umbraco.BlockList", $$"""{"layout":{"Umbraco.BlockList":[{"contentUdi":"umb://element/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}]},"contentData":[{"contentTypeKey":"{{Guid.NewGuid()}}","udi":"umb://element/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","title":"Caf\u00E9 in de stad","text":"<p>Samen <strong>koffie</strong></p>","page":"umb://document/{{About:N}}"}]}""", ["Café in de stad", "Samen koffie", "Over ons"] },
        { "Umbraco.MediaPicker", $"umb://media/{About:N}", ["Over ons"] },
        { "Unknown.Editor", """{"colour":"#00ff00","label":"Gr\u00FCn"}""", ["#00ff00", "Grün"] },
    };

    [Theory]
    [MemberData(nameof(ReadableShapes))]
    public void A_stored_value_reads_as_names_and_text_for_every_editor(string editor, string stored, string[] expected)
    {
        var readable = PropertyEditorValues.Readable(editor, stored, Names);

        foreach (var part in expected) Assert.Contains(part, readable);
        foreach (var code in new[] { "umb://", "\\u00", "{", "[", "contentTypeKey", "<p>" }) Assert.DoesNotContain(code, readable);
    }

    [Theory]
    [InlineData("""{"multiple": true, "validationLimit": {"min": 0}}""", true)]
    [InlineData("""{"Multiple": "1"}""", true)]
    [InlineData("""{"multiple": "true"}""", true)]
    [InlineData("""{"multiple": false}""", false)]
    [InlineData("""{"multiple": "0"}""", false)]
    [InlineData("""{"multipleNot": true}""", false)]
    [InlineData("{}", false)]
    public void A_data_type_allows_many_choices_however_its_configuration_says_so(string config, bool many) =>
        Assert.Equal(many, PropertyEditorValues.AllowsMany(new DataType { ConfigJson = config }));
}
