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

    /// <summary>Umbraco's names for the answers, so a generated client's types are called what Umbraco's are.</summary>
    private static readonly Dictionary<string, (string Schema, bool Paged, bool List)> Answers = new(StringComparer.Ordinal)
    {
        ["GetContent2.0"] = ("IApiContentResponseModel", true, false),
        ["GetContentItemById2.0"] = ("IApiContentResponseModel", false, false),
        ["GetContentItemByPath2.0"] = ("IApiContentResponseModel", false, false),
        ["GetContentItems2.0"] = ("IApiContentResponseModel", false, true),
        ["GetMedia2.0"] = ("IApiMediaWithCropsResponseModel", true, false),
        ["GetMediaItemById2.0"] = ("IApiMediaWithCropsResponseModel", false, false),
        ["GetMediaItemByPath2.0"] = ("IApiMediaWithCropsResponseModel", false, false),
        ["GetMediaItems2.0"] = ("IApiMediaWithCropsResponseModel", false, true),
    };

    /// <summary>
    /// The answers' shapes as Umbraco's contract names and describes them (the endpoints write JSON by hand, so the
    /// framework cannot see them): items, paged lists, routes, start items, crops, focal points, problem details.
    /// </summary>
    public static Task DescribeAnswers(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var schemas = document.Components.Schemas;
        IOpenApiSchema Ref(string name) => new OpenApiSchemaReference(name, document);
        static OpenApiSchema Text(bool nullable = false) => new() { Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String };
        static OpenApiSchema Uuid() => new() { Type = JsonSchemaType.String, Format = "uuid" };
        static OpenApiSchema Date() => new() { Type = JsonSchemaType.String, Format = "date-time" };
        static OpenApiSchema Number(string format, bool nullable = false) =>
            new() { Type = nullable ? JsonSchemaType.Integer | JsonSchemaType.Null : JsonSchemaType.Integer, Format = format };
        static OpenApiSchema Object(Dictionary<string, IOpenApiSchema> properties, params string[] required) =>
            new() { Type = JsonSchemaType.Object, Properties = properties, Required = new HashSet<string>(required), AdditionalProperties = null };
        // Property values differ per editor: any JSON, as in Umbraco's contract.
        var anyValues = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema() };

        schemas["IApiContentStartItemModel"] = Object(new() { ["id"] = Uuid(), ["path"] = Text() }, "id", "path");
        schemas["IApiContentRouteModel"] = Object(new()
        {
            ["path"] = Text(), ["queryString"] = Text(nullable: true), ["startItem"] = Ref("IApiContentStartItemModel"),
        }, "path", "startItem");
        schemas["IApiContentResponseModel"] = Object(new()
        {
            ["id"] = Uuid(), ["contentType"] = Text(), ["properties"] = anyValues, ["name"] = Text(nullable: true),
            ["createDate"] = Date(), ["updateDate"] = Date(), ["route"] = Ref("IApiContentRouteModel"),
            ["cultures"] = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = Ref("IApiContentRouteModel") },
        }, "id", "contentType", "properties", "createDate", "updateDate", "route", "cultures");
        schemas["ImageFocalPointModel"] = Object(new()
        {
            ["left"] = new OpenApiSchema { Type = JsonSchemaType.Number, Format = "double" }, ["top"] = new OpenApiSchema { Type = JsonSchemaType.Number, Format = "double" },
        }, "left", "top");
        schemas["ImageCropCoordinatesModel"] = Object(new()
        {
            ["x1"] = new OpenApiSchema { Type = JsonSchemaType.Number }, ["y1"] = new OpenApiSchema { Type = JsonSchemaType.Number },
            ["x2"] = new OpenApiSchema { Type = JsonSchemaType.Number }, ["y2"] = new OpenApiSchema { Type = JsonSchemaType.Number },
        }, "x1", "y1", "x2", "y2");
        schemas["ImageCropModel"] = Object(new()
        {
            ["alias"] = Text(nullable: true), ["width"] = Number("int32"), ["height"] = Number("int32"),
            ["coordinates"] = new OpenApiSchema { OneOf = [Ref("ImageCropCoordinatesModel"), new OpenApiSchema { Type = JsonSchemaType.Null }] },
        }, "width", "height");
        schemas["IApiMediaWithCropsResponseModel"] = Object(new()
        {
            ["path"] = Text(), ["createDate"] = Date(), ["updateDate"] = Date(),
            ["focalPoint"] = new OpenApiSchema { OneOf = [Ref("ImageFocalPointModel"), new OpenApiSchema { Type = JsonSchemaType.Null }] },
            ["crops"] = new OpenApiSchema { Type = JsonSchemaType.Array | JsonSchemaType.Null, Items = Ref("ImageCropModel") },
            ["id"] = Uuid(), ["name"] = Text(), ["mediaType"] = Text(), ["url"] = Text(), ["extension"] = Text(nullable: true),
            ["width"] = Number("int32", nullable: true), ["height"] = Number("int32", nullable: true), ["bytes"] = Number("int64", nullable: true),
            ["properties"] = anyValues,
        }, "path", "createDate", "updateDate", "id", "name", "mediaType", "url", "properties");
        foreach (var item in new[] { "IApiContentResponseModel", "IApiMediaWithCropsResponseModel" })
            schemas["Paged" + item] = Object(new()
            {
                ["total"] = Number("int64"), ["items"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Ref(item) },
            }, "total", "items");
        schemas["ProblemDetails"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text(nullable: true), ["title"] = Text(nullable: true), ["status"] = Number("int32", nullable: true),
                ["detail"] = Text(nullable: true), ["instance"] = Text(nullable: true),
            },
            AdditionalProperties = new OpenApiSchema(),
        };

        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            if (operation.OperationId is not { } id || !Answers.TryGetValue(id, out var answer)) continue;
            IOpenApiSchema body = answer.Paged ? Ref("Paged" + answer.Schema)
                : answer.List ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = Ref(answer.Schema) }
                : Ref(answer.Schema);
            operation.Responses ??= new OpenApiResponses();
            operation.Responses["200"] = Json("OK", body);
            if (answer.Paged) operation.Responses["400"] = Json("Bad Request", Ref("ProblemDetails"));
            if (!answer.List) operation.Responses["404"] = Json("Not Found", Ref("ProblemDetails"));
        }
        return Task.CompletedTask;
    }

    private static OpenApiResponse Json(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
    };
}
