using System.IO.Compression;
using System.Text;

namespace PubliekeVeranderaars.Core.Media;

/// <summary>
/// PDFs are stored as they come (there is no safe way to rewrite one), so what they may contain is checked instead:
/// a PDF that can run something (JavaScript, launching a program, XFA forms, Flash) or carries other files is refused,
/// wherever those features hide: names written with <c>#</c> escapes (<c>/J#61vaScript</c>) and objects inside
/// compressed object streams are looked at too. An encrypted PDF cannot be looked into, so it is refused as well.
/// </summary>
public static class MediaPdfs
{
    /// <summary>The names that make a PDF do more than show pages.</summary>
    private static readonly Dictionary<string, string> ActiveNames = new(StringComparer.Ordinal)
    {
        ["JavaScript"] = "JavaScript",
        ["JS"] = "JavaScript",
        ["Launch"] = "een opdracht die een programma start",
        ["EmbeddedFile"] = "ingesloten bestanden",
        ["EmbeddedFiles"] = "ingesloten bestanden",
        ["RichMedia"] = "ingesloten media (Flash)",
        ["XFA"] = "een XFA-formulier",
        ["SubmitForm"] = "een formulier dat gegevens verstuurt",
        ["ImportData"] = "een opdracht die gegevens inleest",
        ["Encrypt"] = "versleuteling",
    };

    /// <summary>Every stream inflated at most this far together: a PDF that unpacks to more is not looked into further.</summary>
    private const long MaxInflatedBytes = 64L * 1024 * 1024;

    /// <summary>A PDF ends with %%EOF; writers may add a little after it (a newline, padding).</summary>
    private const int EndMarkerWindow = 1024;

    /// <summary>Refuses, in Dutch, a PDF that is incomplete or can do more than show pages.</summary>
    /// <exception cref="MediaRefusedException">What is wrong, for the person who uploaded it.</exception>
    public static void Check(byte[] pdf)
    {
        var tail = pdf.AsSpan(Math.Max(0, pdf.Length - EndMarkerWindow));
        if (tail.IndexOf("%%EOF"u8) < 0)
            throw new MediaRefusedException("deze PDF is beschadigd of onvolledig (het einde ontbreekt). Sla hem opnieuw op als PDF en upload hem dan.");
        var inflated = 0L;
        if (ActiveFeature(pdf, ref inflated, depth: 0) is { } feature)
        {
            throw new MediaRefusedException(feature == ActiveNames["Encrypt"]
                ? "deze PDF is beveiligd of versleuteld, zodat we niet kunnen nagaan wat erin zit. Sla hem op zonder beveiliging en upload hem dan."
                : $"deze PDF bevat {feature}. Dat nemen we niet aan, omdat een bezoeker er niet veilig mee is: sla het document opnieuw op als gewone PDF (bijvoorbeeld via 'Afdrukken als PDF') en upload die.");
        }
    }

    /// <summary>
    /// The names outside streams (the objects' dictionaries), then those inside object streams. Other streams (page
    /// drawings, images, fonts) are data: a name there does nothing, and binary data would give false alarms.
    /// </summary>
    private static string? ActiveFeature(ReadOnlySpan<byte> data, ref long inflated, int depth)
    {
        var at = 0;
        while (at < data.Length)
        {
            var keyword = data[at..].IndexOf("stream"u8);
            if (keyword < 0) break;
            keyword += at;
            var dictionary = data[at..keyword];
            if (FirstActiveName(dictionary, out var names) is { } found) return found;
            var start = keyword + "stream".Length;
            if (start < data.Length && data[start] == '\r') start++;
            if (start < data.Length && data[start] == '\n') start++;
            var length = data[start..].IndexOf("endstream"u8);
            if (length < 0) return FirstActiveName(data[start..], out _);
            // Object streams (PDF 1.5) hold objects compressed; only the names of this stream's own dictionary count.
            var ownDictionary = names.LastIndexOf("obj") is var objAt and >= 0 ? names[(objAt + 1)..] : names;
            if (depth == 0 && ownDictionary.Contains("ObjStm"))
            {
                var content = Inflate(data.Slice(start, length), MaxInflatedBytes - inflated, out var tooLarge);
                if (tooLarge) return "meer ingepakte inhoud dan we kunnen nagaan";
                if (content is not null)
                {
                    inflated += content.Length;
                    if (ActiveFeature(content, ref inflated, depth + 1) is { } inner) return inner;
                }
            }
            at = start + length + "endstream".Length;
        }
        return FirstActiveName(data[Math.Min(at, data.Length)..], out _);
    }

    /// <summary>
    /// Every name token (<c>/Name</c>), with <c>#xx</c> escapes decoded, checked against the active ones. The names
    /// seen come back in order, with "obj" where an object begins, so a caller can tell which dictionary is which.
    /// </summary>
    private static string? FirstActiveName(ReadOnlySpan<byte> data, out List<string> names)
    {
        names = [];
        var name = new StringBuilder();
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] == 'o' && data[i..].StartsWith("obj"u8) && (i == 0 || IsDelimiter(data[i - 1])))
            {
                names.Add("obj");
                continue;
            }
            if (data[i] != '/') continue;
            name.Clear();
            var j = i + 1;
            while (j < data.Length && !IsDelimiter(data[j]))
            {
                if (data[j] == '#' && j + 2 < data.Length && IsHex(data[j + 1]) && IsHex(data[j + 2]))
                {
                    name.Append((char)Convert.ToByte(Encoding.ASCII.GetString(data.Slice(j + 1, 2)), 16));
                    j += 3;
                    continue;
                }
                name.Append((char)data[j]);
                j++;
            }
            var text = name.ToString();
            if (ActiveNames.TryGetValue(text, out var feature)) return feature;
            names.Add(text);
            i = j - 1;
        }
        return null;
    }

    private static bool IsDelimiter(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or 0
        or (byte)'/' or (byte)'[' or (byte)']' or (byte)'<' or (byte)'>' or (byte)'(' or (byte)')' or (byte)'{' or (byte)'}' or (byte)'%';

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    /// <returns>The inflated stream, or null when it is not zlib data or would pass <paramref name="budget"/>.</returns>
    private static byte[]? Inflate(ReadOnlySpan<byte> stream, long budget, out bool tooLarge)
    {
        tooLarge = false;
        if (stream.Length < 2) return null;
        try
        {
            using var input = new MemoryStream(stream.ToArray());
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                if (output.Length + read > budget)
                {
                    tooLarge = true;
                    return null;
                }
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
