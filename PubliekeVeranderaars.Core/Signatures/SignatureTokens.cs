namespace PubliekeVeranderaars.Core.Signatures;

/// <summary>The tokens in signature mails: <see cref="SecretTokens"/>.</summary>
public static class SignatureTokens
{
    public const int TokenLength = SecretTokens.TokenLength;

    public static string NewToken() => SecretTokens.NewToken();

    public static string Hash(string token) => SecretTokens.Hash(token);

    public static bool LooksValid(string? token) => SecretTokens.LooksValid(token);
}
