using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Web.Forms;

namespace PubliekeVeranderaars.Web.Content;

/// <summary>
/// A draft as the live page will show it, in the site's layout with its navigation, hosted form and counts, marked
/// as a preview. Editors open it from the back office; a colleague without an account through a shared link.
/// </summary>
public sealed class ContentPreviewController(ContentQueries queries, ContentPreviewLinks links, FormDefinitionStore forms) : Controller
{
    /// <summary>ViewData key: the layout shows the preview banner.</summary>
    public const string PreviewFlag = "Preview";
    /// <summary>ViewData key: the banner links back to the editor (not for a shared link: its reader has no account).</summary>
    public const string EditorLinkFlag = "PreviewEditorLink";

    [HttpGet(ContentPreviewLinks.PathPrefix + "{token}")]
    public async Task<IActionResult> Shared(string token, CancellationToken cancellationToken)
    {
        // The token is in the address: keep it out of Referer headers of links on the page.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        if (await links.PageOfAsync(token, cancellationToken) is not { } key || await queries.PreviewAsync(key, cancellationToken) is not { } preview)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            Response.Headers.CacheControl = "no-store";
            return View("~/Views/Content/PreviewGone.cshtml", new ContentPageModel(
                ContentPageModel.VirtualPage("Voorbeeld niet meer beschikbaar", ContentPreviewLinks.PathPrefix, null, queries.Snapshot), queries.Snapshot));
        }
        return Render(this, preview, forms, editorLink: false);
    }

    /// <summary>The page of a preview, never cached, never indexed.</summary>
    public static ViewResult Render(Controller controller, ContentPreview preview, FormDefinitionStore forms, bool editorLink)
    {
        controller.Response.Headers["X-Robots-Tag"] = "noindex";
        controller.Response.Headers.CacheControl = "no-store";
        controller.ViewData[PreviewFlag] = true;
        controller.ViewData[EditorLinkFlag] = editorLink;
        var form = forms.HostedBy(preview.Page);
        if (preview.Page.ContentTypeAlias == InitiativesPageModel.ContentTypeAlias)
        {
            // A preview shows the list's first page: its page links lead to the live site, not to more preview.
            return controller.View($"~/Views/Content/{preview.Page.ContentTypeAlias}.cshtml",
                InitiativesPageModel.For(preview.Page, preview.Snapshot, QueryCollection.Empty)!);
        }
        var views = controller.HttpContext.RequestServices.GetRequiredService<ICompositeViewEngine>();
        return controller.View(ContentPageController.ViewFor(views, preview.Page.ContentTypeAlias), new ContentPageModel(preview.Page, preview.Snapshot)
        {
            Form = form is null ? null : new FormViewModel(form, preview.Page, preview.Snapshot) { IsPreview = true },
        });
    }
}
