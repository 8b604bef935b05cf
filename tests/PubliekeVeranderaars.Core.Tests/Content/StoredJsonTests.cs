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
    // Valid JSON whose strings are not text: a lone half of a surrogate pair throws when the string is first read.
    [InlineData("[\"\\ud800\"]")]
    [InlineData("{\"a\":\"<p>x\\ud800</p>\"}")]
    [InlineData("{\"\\udc00\":1}")]
    [InlineData("{\"blocks\":{\"contentData\":[{\"text\":\"\\ud83d\"}]}}")]
    public void Values_that_cannot_be_used_safely_are_not_json(string stored) =>
        Assert.Null(StoredJson.TryParse(stored));

    [Theory]
    [InlineData("[\"een\",\"twee\"]", new[] { "een", "twee" })]
    [InlineData("een\ntwee\n", new[] { "een", "twee" })]
    [InlineData("[\"een\",null]", new[] { "[\"een\",null]" })]
    [InlineData("[1,2]", new[] { "[1,2]" })]
    [InlineData("[{\"a\":1,\"a\":2}]", new[] { "[{\"a\":1,\"a\":2}]" })]
    [InlineData("[\"\\ud800\"]", new[] { "[\"\\ud800\"]" })]
    [InlineData("[\"\\ud83d\\ude00\"]", new[] { "😀" })]
    [InlineData("", new string[0])]
    public void Multiple_text_strings_are_a_list_of_strings_or_else_lines(string stored, string[] expected) =>
        Assert.Equal(expected, StoredJson.StringsOrLines(stored));
}
