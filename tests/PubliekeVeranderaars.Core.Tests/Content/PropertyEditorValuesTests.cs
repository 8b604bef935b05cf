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
}
