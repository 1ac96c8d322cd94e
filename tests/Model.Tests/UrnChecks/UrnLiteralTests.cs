namespace BeamConformance.Model.Tests.UrnChecks;

/// <summary>
/// URNs come from one source: no <c>"beam:</c> string literal in <c>src/</c> outside <c>src/Model/Urns</c>
/// (<see cref="Model.Urns"/>, checked against the protos, and <see cref="BeamNames"/>, the names the protos do not
/// declare). Comment lines are not code and are skipped.
/// </summary>
public sealed class UrnLiteralTests
{
    [Fact]
    public void No_beam_string_literal_outside_Model_Urns()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var urnsFolder = Path.Combine(src, "Model", "Urns") + Path.DirectorySeparatorChar;
        var sources = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(urnsFolder, StringComparison.Ordinal) && !IsBuildOutput(src, f))
            .ToList();

        var found = sources
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(src, f), Line: i + 1, Text: line.Trim())))
            .Where(l => !l.Text.StartsWith("//", StringComparison.Ordinal) && HasBeamLiteral(l.Text))
            .Select(l => $"src/{l.File}:{l.Line}: {l.Text}")
            .ToList();

        Assert.True(sources.Count > 100, $"only {sources.Count} source files found under {src}");
        Assert.True(found.Count == 0, "\"beam: literals outside src/Model/Urns (use Model.Urns or Model.BeamNames):\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_scan_sees_a_literal_in_any_string_form()
    {
        // Guards the check: plain, interpolated, verbatim and raw literals all match; a URN in a sentence does not.
        Assert.True(HasBeamLiteral("var u = \"beam:coder:kv:v1\";"));
        Assert.True(HasBeamLiteral("var u = $\"beam:option:{name}:v1\";"));
        Assert.True(HasBeamLiteral("var u = @\"beam:env:docker:v1\";"));
        Assert.True(HasBeamLiteral("var u = \"\"\"beam:x\"\"\";"));
        Assert.False(HasBeamLiteral("throw new X(\"a GroupByKey input must use beam:coder:kv:v1\");"));
    }

    private static bool IsBuildOutput(string src, string file) =>
        Path.GetRelativePath(src, file).Split(Path.DirectorySeparatorChar).Any(static part => part is "obj" or "bin");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BeamConformance.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no BeamConformance.sln above {AppContext.BaseDirectory}");
    }

    // Any string literal form opens with a quote: "beam:, $"beam:, @"beam:, """beam:.
    private static bool HasBeamLiteral(string code) => code.Contains("\"beam:", StringComparison.Ordinal);
}
