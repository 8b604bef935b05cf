using Microsoft.Net.Http.Headers;

namespace PubliekeVeranderaars.Web.Infrastructure;

/// <summary>
/// Forms are read as UTF-8, the encoding every page of the site declares, and posted URL-encoded: no form of the site
/// uploads files. A post that names another charset, or comes as multipart (whose every part may name a charset of
/// its own), did not come from our pages, and some charsets make the framework throw when it reads the form (UTF-7
/// is disabled in .NET): such posts get the Dutch 415 page before anything reads their body.
/// </summary>
public static class FormCharsets
{
    private static readonly HashSet<string> Readable = new(StringComparer.OrdinalIgnoreCase) { "utf-8", "utf8", "us-ascii" };

    public static WebApplication RefuseUnreadableForms(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.HasFormContentType && !IsReadable(context.Request.ContentType))
            {
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                return;
            }
            await next(context);
        });
        return app;
    }

    public static bool IsReadable(string? contentType) =>
        !MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        || (!mediaType.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
            && (mediaType.Charset.Length == 0 || Readable.Contains(HeaderUtilities.RemoveQuotes(mediaType.Charset).ToString())));
}
