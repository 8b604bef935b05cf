using System.Reflection;
using NetArchTest.Rules;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Web.Tests.Architecture;

/// <summary>
/// The layering, checked on the compiled code: the web project binds and renders and reaches data only through
/// Core's services; Core is the domain and knows nothing of the web.
/// </summary>
public class ArchitectureTests
{
    private static readonly Assembly Web = typeof(Program).Assembly;
    private static readonly Assembly Core = typeof(SiteDbContext).Assembly;

    /// <summary>The database context and its sets: reading and writing data is Core's work (queries, the write path).</summary>
    private static readonly string[] DataAccess =
    [
        "PubliekeVeranderaars.Core.Storage.SiteDbContext", "PubliekeVeranderaars.Core.Storage.SqliteSiteDbContext",
        "PubliekeVeranderaars.Core.Storage.PostgresSiteDbContext", "Microsoft.EntityFrameworkCore.DbContext", "Microsoft.EntityFrameworkCore.DbSet`1",
    ];

    /// <summary>
    /// Assemblies of ASP.NET Core's web stack. (Identity's user store is a package of its own that references none of
    /// them, which is why Core may hold the back-office user.)
    /// </summary>
    private static readonly string[] WebStack =
    [
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server", "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization",
        "Microsoft.AspNetCore.Antiforgery", "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Html",
        "Microsoft.AspNetCore.Razor", "Microsoft.AspNetCore.OutputCaching", "Microsoft.AspNetCore.StaticFiles", "Microsoft.AspNetCore.App",
    ];

    [Fact]
    public void No_web_type_uses_the_database_context_or_its_sets()
    {
        var result = Types.InAssembly(Web).Should().NotHaveDependencyOnAny(DataAccess).GetResult();

        Assert.True(result.IsSuccessful, "Web types that reach the database directly: " + Failing(result));
    }

    [Fact]
    public void The_rule_sees_a_use_of_the_database_context_where_there_is_one()
    {
        // Core's services do use the context: if this found nothing, the rule above would prove nothing either.
        var core = Types.InAssembly(Core).That().HaveNameEndingWith("Queries").Should().NotHaveDependencyOnAny(DataAccess).GetResult();

        Assert.False(core.IsSuccessful);
    }

    [Fact]
    public void Core_types_depend_on_nothing_of_the_web_stack()
    {
        var result = Types.InAssembly(Core).Should().NotHaveDependencyOnAny(WebStack).GetResult();

        Assert.True(result.IsSuccessful, "Core types that depend on ASP.NET Core: " + Failing(result));
    }

    [Fact]
    public void Core_references_no_assembly_of_the_web_stack()
    {
        var references = Core.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, name => WebStack.Any(stack => name.StartsWith(stack, StringComparison.Ordinal)));
        // The one ASP.NET-named package Core uses is Identity's EF Core store, which itself references only EF Core and Identity's core.
        Assert.All(references.Where(name => name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)),
            name => Assert.Equal("Microsoft.AspNetCore.Identity.EntityFrameworkCore", name));
    }

    private static string Failing(TestResult result) =>
        string.Join("\n", result.FailingTypes?.Select(t => $"{t.FullName}: {t.Explanation}") ?? []);
}
