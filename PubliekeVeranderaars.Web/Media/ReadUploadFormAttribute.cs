using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using PubliekeVeranderaars.Core.Media;

namespace PubliekeVeranderaars.Web.Media;

/// <summary>
/// Reads an upload's multipart form after the user is known to be allowed (authorization filters run before this one)
/// and before antiforgery and model binding read it: only then is the body allowed to be as large as the media
/// section's limit (Kestrel's 30 MB holds for everyone else), and a part in a charset the runtime refuses, a broken
/// multipart body or one over the limit gets its own 415 or 413 instead of an error halfway through binding.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadUploadFormAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>After [Authorize] (order 0), before antiforgery's validation (order 1000), which reads the form too.</summary>
    public int Order => 500;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        if (context.Result is not null) return;
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated != true || !http.Request.HasFormContentType) return;
        var limit = http.RequestServices.GetRequiredService<MediaLimits>().MaxBytes * BackofficeMediaController.MaxFilesPerPost
                    + BackofficeMediaController.UploadOverhead;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        try
        {
            await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, http.RequestAborted);
        }
        catch (BadHttpRequestException tooLarge)
        {
            context.Result = new StatusCodeResult(tooLarge.StatusCode);
        }
        catch (InvalidDataException overLimit) when (overLimit.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ArgumentException or System.Text.DecoderFallbackException)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status415UnsupportedMediaType);
        }
    }
}
