using System.Xml.Linq;
using BeamConformance.Conformance.Tests.Scenarios;

namespace BeamConformance.Conformance.Tests.Architecture;

/// <summary>
/// The dependency rules each src/ project's README states, checked on its csproj: the exact set of projects it may
/// reference (anything else, e.g. the Engine reaching for the generated protos, fails here before review).
/// </summary>
public sealed class ProjectReferenceTests
{
    public static TheoryData<string, string[]> Rules => new()
    {
        // Beam's time, windows, panes, coders, URNs: depends on nothing of ours.
        { "Model", [] },
        // The wire contract, compiled from protos/, and its adapters to the Model.
        { "Protos", ["Model"] },
        // The watermark/windowing engine: never the protos (it sees stage ids and element bytes).
        { "Engine", ["Model"] },
        // The job server: the engine executes, the protos are the wire.
        { "ReferenceRunner", ["Engine", "Model", "Protos"] },
        // An SDK harness: speaks the Fn API like an SDK, never sees the runner's engine or the runner.
        { "FakeHarness", ["Model", "Protos"] },
        // The suite: checks any runner from outside; embeds the ReferenceRunner and hosts the FakeHarness, never the engine.
        { "Conformance", ["FakeHarness", "Model", "Protos", "ReferenceRunner"] },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_project_references_exactly_the_projects_its_README_allows(string project, string[] allowed)
    {
        var csproj = Path.Combine(RepositoryRoot, "src", project, $"BeamConformance.{project}.csproj");

        var referenced = XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(static r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value))
            .Select(static name => name.StartsWith("BeamConformance.", StringComparison.Ordinal) ? name["BeamConformance.".Length..] : name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(allowed, referenced);
    }

    [Theory]
    [InlineData("Model")]
    [InlineData("Engine")]
    public void A_proto_free_project_has_no_protobuf_or_grpc_package(string project)
    {
        var csproj = Path.Combine(RepositoryRoot, "src", project, $"BeamConformance.{project}.csproj");

        var packages = XDocument.Load(csproj).Descendants("PackageReference").Select(static r => r.Attribute("Include")!.Value);

        Assert.DoesNotContain(packages, static p => p.StartsWith("Google.", StringComparison.Ordinal) || p.StartsWith("Grpc.", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_src_project_has_a_rule_and_a_README()
    {
        var projects = Directory.EnumerateDirectories(Path.Combine(RepositoryRoot, "src")).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(Rules.Select(static row => (string)row.Data.Item1).Order(StringComparer.Ordinal), projects);
        Assert.All(projects, p => Assert.True(File.Exists(Path.Combine(RepositoryRoot, "src", p!, "README.md")), $"src/{p}/README.md is missing"));
    }

    /// <summary>The checkout's root (the directory holding testdata/).</summary>
    internal static string RepositoryRoot => Path.GetDirectoryName(TestData.Root)!;
}
