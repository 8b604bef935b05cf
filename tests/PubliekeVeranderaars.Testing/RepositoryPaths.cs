namespace PubliekeVeranderaars.Testing;

/// <summary>Finds the repository's folders from a test's output directory.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string USyncSeed => Path.Combine(Root, "uSync", "v17");

    /// <summary>The shared fixture corpus of real uSync exports, beside the repository (../shared/corpus/usync).</summary>
    public static string USyncCorpus => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus", "usync"));

    /// <summary>More real uSync exports, kept in the repository (tests/fixtures/usync, with their sources and licences).</summary>
    public static string USyncFixtures => Path.Combine(Root, "tests", "fixtures", "usync");

    /// <summary>Every real export, of both corpora, by name ("owner__repo/v9"): the folders that hold a usync.config.</summary>
    public static IReadOnlyList<string> CorpusSets() =>
        [.. new[] { USyncCorpus, USyncFixtures }.Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFiles(root, "usync.config", SearchOption.AllDirectories)
                .Select(config => Path.GetRelativePath(root, Path.GetDirectoryName(config)!)))
            .Order(StringComparer.Ordinal)];

    /// <summary>The folder of a corpus set, in whichever corpus holds it.</summary>
    public static string CorpusSet(string set) =>
        Directory.Exists(Path.Combine(USyncCorpus, set)) ? Path.Combine(USyncCorpus, set) : Path.Combine(USyncFixtures, set);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PubliekeVeranderaars.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Repository root (PubliekeVeranderaars.slnx) not found above " + AppContext.BaseDirectory);
    }
}
