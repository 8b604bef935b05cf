using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PubliekeVeranderaars.Web.Delivery;

/// <summary>
/// The OpenAPI description in Umbraco's terms, so that a client generated from Umbraco's contract and one generated
/// from ours send the same requests: the request headers Umbraco documents on every operation, and paging as integers
/// (the endpoints read them as text, to answer a malformed number with Umbraco's problem instead of the framework's).
/// </summary>
public static class DeliveryApiOpenApi
{
    private static readonly (string Name, JsonSchemaType Type, string Description, bool ContentOnly)[] Headers =
    [
        ("Accept-Language", JsonSchemaType.String, "Defines the language to return. Use this when querying language variant content items.", true),
        ("Accept-Segment", JsonSchemaType.String, "Defines the segment to return. Use this when querying segment variant content items.", true),
        ("Api-Key", JsonSchemaType.String, "API key specified through configuration to authorize access to the API.", false),
        ("Preview", JsonSchemaType.Boolean, "Whether to request draft content.", true),
        ("Start-Item", JsonSchemaType.String, "URL segment or GUID of a root content item.", true),
    ];

    private static readonly HashSet<string> PagingParameters = new(StringComparer.Ordinal) { "skip", "take" };

    public static Task DescribeAsUmbracoDoes(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var isContent = context.Description.RelativePath?.StartsWith("umbraco/delivery/api/v2/content", StringComparison.Ordinal) == true;
        operation.Parameters ??= [];
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.Name is not null && PagingParameters.Contains(p.Name)))
            parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Default = parameter.Name == "take" ? 10 : 0 };
        foreach (var (name, type, description, contentOnly) in Headers)
        {
            if (contentOnly && !isContent) continue;
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name, In = ParameterLocation.Header, Description = description, Schema = new OpenApiSchema { Type = type },
            });
        }
        return Task.CompletedTask;
    }
}
