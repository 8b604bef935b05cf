using System.Net;

namespace PubliekeVeranderaars.Web.Tests.Forms;

/// <summary>Fills in a form as a browser does: GET the page (cookie and token), then POST the fields.</summary>
public sealed class FormPoster(SiteHost site) : IDisposable
{
    public const string TokenField = "__RequestVerificationToken";
    private readonly HttpClient _client = site.CreateHttpClient();

    public HttpClient Client => _client;

    public async Task<string> TokenAsync(string path)
    {
        var document = await Html.ParseAsync(await _client.GetAsync(path));
        return document.QuerySelector($"input[name={TokenField}]")?.GetAttribute("value")
               ?? throw new InvalidOperationException($"No form on {path}");
    }

    public async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true)
    {
        var all = fields.ToList();
        if (withToken) all.Add(new(TokenField, await TokenAsync(path)));
        return await _client.PostAsync(path, new FormUrlEncodedContent(all));
    }

    public static List<KeyValuePair<string, string>> Join(string name, string email, string motivation = "Ik doe graag mee.",
        string organisation = "Gemeente Utrecht", bool consent = true)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("name", name), new("email", email), new("organisation", organisation), new("motivation", motivation),
        };
        if (consent) fields.Add(new("consent", "on"));
        return fields;
    }

    public void Dispose() => _client.Dispose();

    public static bool IsThankYou(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.SeeOther && response.Headers.Location!.ToString().Contains("verzonden=doeMee");
}
