using System.Globalization;
using System.Text;
using System.Xml;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Mail;

namespace PubliekeVeranderaars.Web.Content;

/// <summary>
/// <c>/sitemap.xml</c> (sitemaps.org 0.9) names every published page with its last change, and <c>/robots.txt</c>
/// points to it: search engines find each initiative there, however far down the paged list it sits.
/// </summary>
public static class ContentSitemap
{
    public const string SitemapPath = "/sitemap.xml";
    public const string RobotsPath = "/robots.txt";
    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    /// <summary>A sitemap file may name at most 50,000 addresses (sitemaps.org); past that an index of files is needed.</summary>
    public const int MaxUrls = 50_000;

    public static WebApplication MapContentSitemap(this WebApplication app)
    {
        app.MapGet(SitemapPath, (PublishedContentCache cache, MailLinks links) =>
            Results.Bytes(Write(cache.Current, links), "application/xml; charset=utf-8")).WithName("Sitemap");
        app.MapGet(RobotsPath, (MailLinks links) => Results.Text(
            $"User-agent: *\nDisallow: /backoffice/\nDisallow: {ContentPreviewLinks.PathPrefix}\nSitemap: {links.To(SitemapPath)}\n", "text/plain; charset=utf-8"))
            .WithName("Robots");
        return app;
    }

    /// <summary>The sitemap of <paramref name="snapshot"/>: every page in every live language, in tree order.</summary>
    public static byte[] Write(PublishedSnapshot snapshot, MailLinks links)
    {
        using var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("urlset", SitemapNamespace);
            var written = 0;
            foreach (var page in InTreeOrder(snapshot))
            {
                foreach (var view in page.Cultures.Count == 0 ? [page] : page.Cultures.Values.Prepend(page).DistinctBy(v => v.Route))
                {
                    if (written++ == MaxUrls) break;
                    xml.WriteStartElement("url", SitemapNamespace);
                    xml.WriteElementString("loc", SitemapNamespace, links.To(view.Route));
                    xml.WriteElementString("lastmod", SitemapNamespace, view.UpdateDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    xml.WriteEndElement();
                }
            }
            xml.WriteEndElement();
        }
        return output.ToArray();
    }

    private static IEnumerable<PublishedContent> InTreeOrder(PublishedSnapshot snapshot)
    {
        var stack = new Stack<PublishedContent>(snapshot.Roots.Reverse());
        while (stack.TryPop(out var page))
        {
            yield return page;
            foreach (var child in snapshot.Children(page.Key).Reverse()) stack.Push(child);
        }
    }
}
