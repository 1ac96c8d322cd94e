using System.Diagnostics;
using BeamConformance.Conformance.Scenarios;
using BeamConformance.Conformance.Tests.Scenarios;

namespace BeamConformance.Conformance.Tests.Cli;

/// <summary>
/// The README's install route: <c>dotnet pack</c> of src/Conformance gives the .NET tool <c>beam-conformance</c>, which
/// installs from the local package folder and lists the suite it carries from a folder with no testdata/ above it.
/// </summary>
[Trait("category", "packaging")]
public sealed class ToolPackageTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("beam-tool-");

    [Fact]
    public async Task Packed_tool_installs_from_the_local_package_and_lists_the_scenarios_it_carries()
    {
        var ct = TestContext.Current.CancellationToken;
        var packages = Path.Combine(_dir.FullName, "packages");
        var tools = Path.Combine(_dir.FullName, "tools");
        var project = Path.Combine(Path.GetDirectoryName(TestData.Root)!, "src", "Conformance");

        // The project is already built (this test assembly references it), so pack only packs.
        await RunAsync("dotnet", ["pack", project, "-c", Configuration, "--no-build", "-o", packages, "--nodeReuse:false"], _dir.FullName, ct);
        Assert.True(File.Exists(Path.Combine(packages, "BeamConformance.Tool.0.1.0.nupkg")));
        await RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", packages, "--ignore-failed-sources", "BeamConformance.Tool", "--version", "0.1.0"], _dir.FullName, ct);

        var output = await RunAsync(Path.Combine(tools, "beam-conformance"), ["list"], _dir.FullName, ct);

        var discovered = ScenarioLoader.Discover(TestData.ScenariosRoot).ToList();
        var lines = output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal($"{discovered.Count} scenarios in {discovered.Select(d => d.Id.Area).Distinct(StringComparer.Ordinal).Count()} areas", lines[^1]);
        Assert.Equal(discovered.Select(d => d.Id.Value), lines[..^1].Select(l => l.Split(' ', 2)[0]));
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private static async Task<string> RunAsync(string file, string[] arguments, string workingDirectory, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var stdout = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{stdout}\n{await stderr}");
        return stdout;
    }
}
