using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.RateLimiting;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Core.Initiatives;
using PubliekeVeranderaars.Web.Forms;
using PubliekeVeranderaars.Web.Infrastructure;

namespace PubliekeVeranderaars.Web.Content;

/// <summary>
/// Renders any published page by its URL, with the view named after its document type
/// (<c>Views/Content/{alias}.cshtml</c>), as Umbraco picks a template per document type; and takes the posts of the
/// form a page hosts.
/// </summary>
public sealed class ContentPageController(PublishedContentCache cache, FormDefinitionStore forms,
    FormSubmissionService submissions, IAntiforgery antiforgery, ILogger<ContentPageController> logger,
    ICompositeViewEngine views) : Controller
{
    public const string NotFoundView = "~/Views/Shared/NotFound.cshtml";
    /// <summary>
    /// For a document type this site has no view for (an imported site's own types): its properties, readable, in the
    /// site's layout. Umbraco would need a template; a page that shows its content beats a 500 or a 404.
    /// </summary>
    public const string GenericView = "~/Views/Content/_Generic.cshtml";

    /// <summary>Lowest priority: every other endpoint (API, health, back office) wins over the content tree.</summary>
    private const int CatchAllOrder = int.MaxValue;

    /// <summary>The largest form post we read; far above any honest submission, far below what could hurt.</summary>
    private const int MaxFormBytes = 1024 * 1024;

    [HttpGet("{**path}", Order = CatchAllOrder)]
    [HttpHead("{**path}", Order = CatchAllOrder)]
    public IActionResult Render(string? path)
    {
        ContentOutputCache.Store(HttpContext);
        var snapshot = cache.Current;
        var content = snapshot.ByRoute("/" + (path ?? ""));
        if (content is null)
        {
            // A renamed or moved page keeps its old address working.
            return snapshot.RedirectFor("/" + (path ?? "")) is { } moved
                ? RedirectPermanent(moved + Request.QueryString)
                : PageNotFound(snapshot);
        }
        if (content.ContentTypeAlias == InitiativesPageModel.ContentTypeAlias)
        {
            return InitiativesPageModel.For(content, snapshot, Request.Query) is { } initiatives
                ? PageView(initiatives)
                : PageNotFound(snapshot);
        }
        var form = HostedForm(content);
        if (form is not null)
        {
            // The antiforgery token is per visitor: a page with a form must never be served from the shared cache.
            ContentOutputCache.DoNotStore(HttpContext);
        }
        return PageView(new ContentPageModel(content, snapshot)
        {
            Form = form is null ? null : new FormViewModel(form, content, snapshot)
            {
                Submitted = Request.Query[FormViewModel.SubmittedQueryKey] == form.Alias,
            },
        });
    }

    [HttpPost("{**path}", Order = CatchAllOrder)]
    [IgnoreAntiforgeryToken] // Checked below, so that a failed check shows the form again with what the visitor typed.
    [EnableRateLimiting(FormsExtensions.RateLimitPolicy)]
    [RequestSizeLimit(MaxFormBytes)]
    [RequestFormLimits(ValueLengthLimit = MaxFormBytes, MultipartBodyLengthLimit = MaxFormBytes)]
    public async Task<IActionResult> Submit(string? path, CancellationToken cancellationToken)
    {
        var snapshot = cache.Current;
        var content = snapshot.ByRoute("/" + (path ?? ""));
        if (content is null) return PageNotFound(snapshot);
        var form = HostedForm(content);
        if (form is null) return StatusCode(StatusCodes.Status405MethodNotAllowed);
        if (!Request.HasFormContentType)
        {
            return Refused(content, snapshot, form, new Dictionary<string, string[]>(), StatusCodes.Status415UnsupportedMediaType,
                "Dit formulier kon niet worden gelezen: de site neemt alleen formulieren aan zoals deze pagina ze verstuurt. " +
                "Vul het formulier hieronder in en verstuur het opnieuw.");
        }

        IFormCollection posted;
        try
        {
            posted = await Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException)
        {
            return Refused(content, snapshot, form, new Dictionary<string, string[]>(), StatusCodes.Status413PayloadTooLarge,
                "Wat je verstuurde is te groot om te verwerken. Maak je tekst korter en verstuur het formulier opnieuw.");
        }
        var values = posted.Keys.ToDictionary(k => k, k => posted[k].Select(v => v ?? "").ToArray(), StringComparer.OrdinalIgnoreCase);

        if (!InitiativeStatus.AcceptsSignUps(content))
        {
            return Refused(content, snapshot, form, values, StatusCodes.Status409Conflict,
                "Dit initiatief neemt op dit moment geen aanmeldingen aan.");
        }
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return Refused(content, snapshot, form, values, StatusCodes.Status400BadRequest,
                "Je formulier kon niet veilig worden verstuurd, bijvoorbeeld omdat de pagina lang open stond. " +
                "Je gegevens staan er nog: controleer ze en verstuur het formulier opnieuw.");
        }
        if (values.TryGetValue(FormViewModel.HoneypotField, out var honeypot) && honeypot.Any(v => v.Length > 0))
        {
            logger.LogInformation("Honeypot filled on form {Form}: thanked and dropped", form.Alias);
            return SeeOther(new FormViewModel(form, content, snapshot).ThankYouUrl);
        }

        var result = await submissions.SubmitAsync(form, content, values, cancellationToken);
        if (!result.IsAccepted)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return PageView(new ContentPageModel(content, snapshot)
            {
                Form = new FormViewModel(form, content, snapshot) { Values = values, Errors = result.Errors },
            });
        }
        return SeeOther(new FormViewModel(form, content, snapshot).ThankYouUrl);
    }

    /// <summary>A page hosts a form through its first form picker property that names a known form.</summary>
    private FormDefinition? HostedForm(PublishedContent content) =>
        content.Properties.Values
            .Where(p => p.EditorAlias == Core.Content.EditorAliases.FormPicker)
            .Select(p => forms.ByPickerValue(p.Value))
            .FirstOrDefault(f => f is not null);

    private ViewResult Refused(PublishedContent content, PublishedSnapshot snapshot, FormDefinition form,
        IReadOnlyDictionary<string, string[]> values, int status, string message)
    {
        Response.StatusCode = status;
        return PageView(new ContentPageModel(content, snapshot)
        {
            Form = new FormViewModel(form, content, snapshot) { Values = values, GeneralError = message },
        });
    }

    /// <summary>Post/redirect/get: 303 makes the browser fetch the thank-you with GET, so a reload posts nothing.</summary>
    private StatusCodeResult SeeOther(string url)
    {
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    private ViewResult PageView(ContentPageModel model) => View(ViewFor(views, model.Content.ContentTypeAlias), model);

    /// <summary>The view of a document type, or the generic page for types without one (an imported site's own).</summary>
    public static string ViewFor(ICompositeViewEngine views, string contentTypeAlias)
    {
        var view = $"~/Views/Content/{contentTypeAlias}.cshtml";
        return views.GetView(null, view, isMainPage: true).Success ? view : GenericView;
    }

    private ViewResult PageNotFound(PublishedSnapshot snapshot)
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        var notFoundPage = ContentPageModel.VirtualPage("Pagina niet gevonden", "/404/", null, snapshot);
        return View(NotFoundView, new ContentPageModel(notFoundPage, snapshot));
    }
}
