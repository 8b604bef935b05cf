using PubliekeVeranderaars.Core.Forms;

namespace PubliekeVeranderaars.Core.Tests.Forms;

public class FormValidatorTests
{
    private static readonly FormDefinition Form = new()
    {
        Alias = "test",
        Fields =
        [
            new FormField { Alias = "name", Type = FormFieldType.ShortText, Label = "Naam", Mandatory = true, MandatoryMessage = "Vul je naam in." },
            new FormField { Alias = "email", Type = FormFieldType.Email, Label = "E-mail", Mandatory = true },
            new FormField { Alias = "story", Type = FormFieldType.LongText, Label = "Verhaal", MaxLength = 20 },
            new FormField { Alias = "colour", Type = FormFieldType.Dropdown, Label = "Kleur", Prevalues = ["rood", "blauw"] },
            new FormField { Alias = "days", Type = FormFieldType.CheckboxList, Label = "Dagen", Prevalues = ["ma", "di"] },
            new FormField { Alias = "postcode", Type = FormFieldType.ShortText, Label = "Postcode", Regex = "^[1-9][0-9]{3} ?[A-Z]{2}$", RegexMessage = "Vul een postcode in zoals 1234 AB." },
            new FormField { Alias = "consent", Type = FormFieldType.DataConsent, Label = "Toestemming", Mandatory = true },
        ],
    };

    private static Dictionary<string, string[]> Valid(params (string Key, string[] Value)[] overrides)
    {
        var values = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["name"] = ["Jan"], ["email"] = ["jan@example.org"], ["consent"] = ["on"],
        };
        foreach (var (key, value) in overrides) values[key] = value;
        return values;
    }

    [Fact]
    public void Validate_accepts_a_good_submission_and_trims_values()
    {
        var result = FormValidator.Validate(Form, Valid(("name", ["  Jan  "]), ("days", ["ma", "di"]), ("story", ["Regel 1\nRegel 2"])));

        Assert.True(result.IsValid);
        Assert.Equal("Jan", result.Values.Single(v => v.Alias == "name").Value);
        Assert.Equal("ma, di", result.Values.Single(v => v.Alias == "days").Value);
        Assert.Equal("true", result.Values.Single(v => v.Alias == "consent").Value);
        Assert.Equal("Regel 1\nRegel 2", result.Values.Single(v => v.Alias == "story").Value);
    }

    [Theory]
    [InlineData("name", "", "Vul je naam in.")]
    [InlineData("name", "   ", "Vul je naam in.")]
    [InlineData("email", "", "Vul 'E-mail' in.")]
    [InlineData("email", "jan@", "Vul een geldig e-mailadres in")]
    [InlineData("email", "Jan <jan@example.org>", "Vul een geldig e-mailadres in")]
    [InlineData("email", "jan@example.org,piet@example.org", "Vul een geldig e-mailadres in")]
    [InlineData("email", "jan@example.org\r\nBcc: x@example.org", "geen regeleinden")]
    [InlineData("name", "Jan\nPiet", "geen regeleinden")]
    [InlineData("name", "Jan\u0000", "stuurtekens")]
    [InlineData("name", "Jan\u202Enaaj", "stuurtekens")]
    [InlineData("story", "Te lang verhaal van meer dan twintig tekens", "te lang")]
    [InlineData("story", "<script>x</script>", "geen HTML-code")]
    [InlineData("name", "<img src=x>", "geen HTML-code")]
    [InlineData("colour", "groen", "Kies uit de opties")]
    [InlineData("postcode", "12345", "Vul een postcode in zoals 1234 AB.")]
    [InlineData("consent", "", "Geef toestemming")]
    public void Validate_refuses_bad_input_with_a_dutch_message(string field, string value, string message)
    {
        var result = FormValidator.Validate(Form, Valid((field, [value])));

        Assert.False(result.IsValid);
        Assert.Contains(message, result.Errors[field]);
    }

    [Fact]
    public void Validate_allows_a_less_than_sign_in_ordinary_text() =>
        Assert.True(FormValidator.Validate(Form, Valid(("story", ["3 < 4"]))).IsValid);

    [Fact]
    public void Validate_refuses_a_field_posted_twice() =>
        Assert.False(FormValidator.Validate(Form, Valid(("name", ["Jan", "Piet"]))).IsValid);

    [Fact]
    public void Validate_refuses_checkbox_list_choices_that_are_not_offered() =>
        Assert.False(FormValidator.Validate(Form, Valid(("days", ["ma", "zo"]))).IsValid);

    [Fact]
    public void Validate_stops_a_catastrophic_regex_instead_of_hanging()
    {
        var form = new FormDefinition
        {
            Fields = [new FormField { Alias = "x", Type = FormFieldType.ShortText, Regex = "^(a+)+$", RegexMessage = "Nee." }],
        };

        var result = FormValidator.Validate(form, new Dictionary<string, string[]> { ["x"] = [new string('a', 40) + "!"] });

        Assert.Equal("Nee.", result.Errors["x"]);
    }
}
