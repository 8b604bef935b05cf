using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Forms;

namespace PubliekeVeranderaars.Core.Tests.Content;

public sealed class ValidationPatternTests
{
    /// <summary>
    /// The first alternative backtracks for 2^40 steps before the second one matches: a timed-out match used to be
    /// taken for "does not match", so good input was refused whenever a match ran long (on a busy machine, any match).
    /// </summary>
    private const string SlowToBacktrack = "^(a+)+b$|^a+c$";
    private static readonly string Valid = new string('a', 40) + "c";

    [Fact]
    public void A_valid_value_is_accepted_where_backtracking_would_run_out_of_time() =>
        Assert.True(ValidationPattern.IsMatch(Valid, SlowToBacktrack));

    [Fact]
    public void A_form_field_accepts_it_too()
    {
        var form = new FormDefinition
        {
            Fields = [new FormField { Alias = "x", Type = FormFieldType.ShortText, Regex = SlowToBacktrack, RegexMessage = "Nee." }],
        };

        Assert.True(FormValidator.Validate(form, new Dictionary<string, string[]> { ["x"] = [Valid] }).IsValid);
    }

    [Fact]
    public void Patterns_the_linear_engine_cannot_run_still_work()
    {
        // A lookahead: the backtracking engine, with its timeout.
        Assert.True(ValidationPattern.IsMatch("Wachtwoord1", "^(?=.*[0-9]).{8,}$"));
        Assert.False(ValidationPattern.IsMatch("Wachtwoord", "^(?=.*[0-9]).{8,}$"));
    }

    [Fact]
    public void A_broken_pattern_is_reported_to_the_caller() =>
        Assert.ThrowsAny<ArgumentException>(() => ValidationPattern.IsMatch("x", "(unclosed"));
}
