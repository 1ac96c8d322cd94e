namespace BeamConformance.Conformance.Running;

/// <summary>Finds the suite's <c>testdata/</c> folder.</summary>
public static class SuiteFiles
{
    /// <summary>
    /// The <c>testdata</c> folder: the first directory named so that holds <c>scenarios/</c>, searching from
    /// <paramref name="start"/> (default: the current directory, then the application's base directory) upwards.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    public static string TestDataRoot(string? start = null)
    {
        foreach (var origin in start is null ? [Directory.GetCurrentDirectory(), AppContext.BaseDirectory] : new[] { start })
        {
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "testdata");
                if (Directory.Exists(Path.Combine(candidate, "scenarios")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("no testdata/scenarios folder above the current or application directory");
    }
}
