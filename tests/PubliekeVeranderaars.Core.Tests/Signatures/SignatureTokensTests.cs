using PubliekeVeranderaars.Core.Signatures;

namespace PubliekeVeranderaars.Core.Tests.Signatures;

public class SignatureTokensTests
{
    [Fact]
    public void Tokens_are_url_safe_unique_and_stored_only_as_their_hash()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => SignatureTokens.NewToken()).ToList();

        Assert.Equal(1000, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.True(SignatureTokens.LooksValid(t)));
        Assert.All(tokens, t => Assert.Equal(SignatureTokens.TokenLength, t.Length));
        var hash = SignatureTokens.Hash(tokens[0]);
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(tokens[0], hash);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("kort")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/A")]
    public void Anything_else_is_not_a_token(string? token) => Assert.False(SignatureTokens.LooksValid(token));

    [Theory]
    [InlineData("  Jan@Example.ORG ", "jan@example.org")]
    [InlineData("jan@example.org", "jan@example.org")]
    public void Addresses_compare_normalised(string raw, string normalised) =>
        Assert.Equal(normalised, Signature.NormalizeEmail(raw));
}
