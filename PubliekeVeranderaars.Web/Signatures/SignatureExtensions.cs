using PubliekeVeranderaars.Core.Signatures;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Signatures;

public static class SignatureExtensions
{
    public const string CountPath = "/api/signatures/count";

    public static WebApplicationBuilder AddSiteSignatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SignatureCounter>();
        builder.Services.AddSingleton<ISiteNotificationHandler, RecountSignaturesWhenSignaturesChange>();
        builder.Services.AddSingleton<SignatureService>();
        builder.Services.AddSingleton<SignatureExpiry>();
        builder.Services.AddSingleton<SignatureExport>();
        builder.Services.AddSingleton<SignatureDomainReport>();
        return builder;
    }

    public static WebApplication MapSiteSignatures(this WebApplication app)
    {
        app.MapGet(CountPath, GetCountAsync).WithName("SignatureCount");
        return app;
    }

    /// <summary><c>{"confirmed": N}</c>, from memory: cheap enough to poll, exact after every change on this node.</summary>
    private static async Task<IResult> GetCountAsync(SignatureCounter counter, HttpResponse response, CancellationToken cancellationToken)
    {
        response.Headers.CacheControl = "no-cache";
        return TypedResults.Ok(new SignatureCountResponse(await counter.ConfirmedCountAsync(cancellationToken)));
    }
}

public sealed record SignatureCountResponse(int Confirmed);
