namespace PubliekeVeranderaars.Testing;

/// <summary>Finds the repository's folders from a test's output directory.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string USyncSeed => Path.Combine(Root, "uSync", "v17");

    /// <summary>The shared fixture corpus of real uSync exports, beside the repository (../shared/corpus/usync).</summary>
    public static string USyncCorpus => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus", "usync"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PubliekeVeranderaars.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Repository root (PubliekeVeranderaars.slnx) not found above " + AppContext.BaseDirectory);
    }
}
