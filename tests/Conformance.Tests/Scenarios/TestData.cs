namespace BeamConformance.Conformance.Tests.Scenarios;

/// <summary>Locates the repository's testdata folder (BEAMCONFORMANCE_TESTDATA overrides).</summary>
internal static class TestData
{
    public static string Root { get; } = Find();

    public static string ScenariosRoot => Path.Combine(Root, "scenarios");

    public static string SelftestRoot => Path.Combine(Root, "selftest");

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("BEAMCONFORMANCE_TESTDATA") is { Length: > 0 } overridden)
        {
            return overridden;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "testdata", "README.md");
            if (File.Exists(candidate))
            {
                return Path.GetDirectoryName(candidate)!;
            }
        }

        throw new DirectoryNotFoundException($"no testdata/README.md above {AppContext.BaseDirectory}");
    }
}
