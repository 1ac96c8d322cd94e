using BeamConformance.Conformance.Coders;

namespace BeamConformance.Conformance.Tests.Coders;

public sealed class CoderVectorTests
{
    private static readonly string VectorDirectory = FindVectorDirectory();

    /// <summary>One row per document of every vector file: (file name, document index).</summary>
    public static TheoryData<string, int> Documents()
    {
        var data = new TheoryData<string, int>();
        foreach (var path in Directory.GetFiles(VectorDirectory, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var document in CoderVectorFile.Load(path))
            {
                data.Add(Path.GetFileName(path), document.Index);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_example_of_our_vectors_passes(string file, int documentIndex)
    {
        var path = Path.Combine(VectorDirectory, file);
        var document = CoderVectorFile.Load(path)[documentIndex];

        var results = CoderVectorChecker.Check(document, file);

        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.True(r.Passed, r.ToString()));
    }

    [Fact]
    public void Our_vectors_hold_at_least_100_examples_covering_every_standard_coder()
    {
        var documents = Directory.GetFiles(VectorDirectory, "*.yaml").SelectMany(CoderVectorFile.Load).ToList();
        var urns = documents.Select(d => d.Coder.Urn).ToHashSet();

        Assert.True(documents.Sum(d => d.Examples.Count) >= 100);
        Assert.Subset(urns, Model.Coders.CoderRegistry.KnownUrns.ToHashSet());
    }

    [Fact]
    public void Cli_report_ends_with_the_pass_fail_count()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = CodersCommand.Verify(new FileInfo(Path.Combine(VectorDirectory, "timers.yaml")), false, output, error);

        Assert.Equal(0, exit);
        Assert.Equal("10 passed, 0 failed", output.ToString().TrimEnd().Split('\n')[^1]);
    }

    private static string FindVectorDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "testdata", "coders");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("testdata/coders not found above " + AppContext.BaseDirectory);
    }
}
