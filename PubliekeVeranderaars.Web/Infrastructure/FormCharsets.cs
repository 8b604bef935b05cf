using Microsoft.Net.Http.Headers;

namespace PubliekeVeranderaars.Web.Infrastructure;

/// <summary>
/// Forms are read as UTF-8, the encoding every page of the site declares, and posted URL-encoded: the one form that
/// uploads files is the media section's (<see cref="MultipartPaths"/>), behind a login, whose form is read only once
/// the user is known (<see cref="Media.ReadUploadFormAttribute"/>). A post that names another
/// charset, or comes as multipart anywhere else (whose every part may name a charset of its own), did not come from our pages, and some charsets make the framework throw when it reads the form (UTF-7
/// is disabled in .NET): such posts get the Dutch 415 page before anything reads their body.
/// </summary>
public static class FormCharsets
{
    private static readonly HashSet<string> Readable = new(StringComparer.OrdinalIgnoreCase) { "utf-8", "utf8", "us-ascii" };
    /// <summary>Where files are uploaded: the only paths that take multipart posts.</summary>
    public static readonly IReadOnlySet<string> MultipartPaths = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "/backoffice/media/uploaden" };

    public static WebApplication RefuseUnreadableForms(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.HasFormContentType && !IsReadable(context.Request.ContentType, context.Request.Path))
            {
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                return;
            }
            await next(context);
        });
        return app;
    }

    public static bool IsReadable(string? contentType, PathString path = default) =>
        !MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        || ((!mediaType.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) || MultipartPaths.Contains(path.Value ?? ""))
            && (mediaType.Charset.Length == 0 || Readable.Contains(HeaderUtilities.RemoveQuotes(mediaType.Charset).ToString())));
}
