using AngleSharp;
using AngleSharp.Dom;

namespace PubliekeVeranderaars.Web.Tests;

public static class Html
{
    private static readonly IBrowsingContext Context = BrowsingContext.New(Configuration.Default);

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await Context.OpenAsync(request => request.Content(response.Content.ReadAsStream()));
}
