using System.Security.Cryptography;
using System.Text;

namespace PubliekeVeranderaars.Core;

/// <summary>
/// Random tokens for links that grant something (confirm a signature, see a preview), stored only as their SHA-256
/// hash: a leaked database grants nothing.
/// </summary>
public static class SecretTokens
{
    /// <summary>256 bits: far beyond guessing, still a short link.</summary>
    private const int TokenBytes = 32;

    /// <summary>A token in a URL is base64url of 32 bytes: 43 characters.</summary>
    public const int TokenLength = 43;

    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Cheap shape check before any lookup: anything else is not one of ours.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
