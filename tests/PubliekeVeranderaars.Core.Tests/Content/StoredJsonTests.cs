using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Tests.Content;

public class StoredJsonTests
{
    [Theory]
    [InlineData("{\"markup\":\"a\",\"markup\":\"b\"}")]
    [InlineData("{\"blocks\":{\"layout\":{},\"layout\":[]}}")]
    [InlineData("{\"markup\":")]
    [InlineData("gewone tekst")]
    [InlineData("[1,2")]
    public void Values_that_cannot_be_used_safely_are_not_json(string stored) =>
        Assert.Null(StoredJson.TryParse(stored));

    [Theory]
    [InlineData("[\"een\",\"twee\"]", new[] { "een", "twee" })]
    [InlineData("een\ntwee\n", new[] { "een", "twee" })]
    [InlineData("[\"een\",null]", new[] { "[\"een\",null]" })]
    [InlineData("[1,2]", new[] { "[1,2]" })]
    [InlineData("[{\"a\":1,\"a\":2}]", new[] { "[{\"a\":1,\"a\":2}]" })]
    [InlineData("", new string[0])]
    public void Multiple_text_strings_are_a_list_of_strings_or_else_lines(string stored, string[] expected) =>
        Assert.Equal(expected, StoredJson.StringsOrLines(stored));
}
