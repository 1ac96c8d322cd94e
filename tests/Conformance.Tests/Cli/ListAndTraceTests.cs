using BeamConformance.Conformance.Running;

namespace BeamConformance.Conformance.Tests.Cli;

/// <summary>The <c>list</c> command and <c>run --trace</c>, as a runner author uses them to find and debug a scenario.</summary>
public sealed class ListAndTraceTests
{
    [Fact]
    public void List_prints_id_features_and_spec_per_selected_scenario()
    {
        var stdout = new StringWriter();

        var code = ListCommand.Run(new ScenarioSelection(null, ["impulse"], ["UsesFnApiProtocol"]), false, stdout, new StringWriter());

        Assert.Equal(0, code);
        Assert.Equal(
            """
            impulse/descriptor_reads_from_runner  UsesImpulse,UsesFnApiProtocol  beam_fn_api.proto ProcessBundleDescriptor / beam:runner:source:v1
            impulse/exact_bytes                   UsesImpulse,UsesFnApiProtocol  beam:transform:impulse:v1 / beam:coder:windowed_value:v1
            2 scenarios in 1 areas

            """.ReplaceLineEndings(), stdout.ToString());
    }

    [Fact]
    public void List_features_counts_the_scenarios_per_tag()
    {
        var stdout = new StringWriter();

        var code = ListCommand.Run(new ScenarioSelection(null, ["impulse"], []), true, stdout, new StringWriter());

        Assert.Equal(0, code);
        var lines = stdout.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.StartsWith("UsesImpulse ", lines[0], StringComparison.Ordinal);
        Assert.Contains("  beam               6  Impulse: one empty byte array", lines[0], StringComparison.Ordinal);
        Assert.Equal($"{lines.Length - 1} feature tags", lines[^1]);
    }

    [Fact]
    public void List_with_a_selection_matching_nothing_is_an_error()
    {
        var stderr = new StringWriter();

        Assert.Equal(2, ListCommand.Run(new ScenarioSelection("nothing_like_this", [], []), false, new StringWriter(), stderr));
        Assert.StartsWith("error: --filter nothing_like_this matches none of the", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trace_prints_the_descriptor_and_the_exact_impulse_bytes_the_harness_received()
    {
        var output = Directory.CreateTempSubdirectory("beam-conformance-");
        try
        {
            var stdout = new StringWriter();
            var options = new RunOptions(null, "--endpoint", new ScenarioSelection("impulse/exact_bytes", [], []), null, output, Trace: true);

            var code = await RunCommand.RunAsync(options, stdout, new StringWriter(), TestContext.Current.CancellationToken);

            Assert.Equal(0, code);
            var text = stdout.ToString();
            Assert.Contains("    Fn API traffic seen by the FakeHarness: 1 descriptors, ", text, StringComparison.Ordinal);
            Assert.Contains("      transform Create: beam:transform:pardo:v1 [beamconformance:transform:create:v1] (main=impulse) -> (out=numbers)", text, StringComparison.Ordinal);
            Assert.Matches(@"(?m)^    data bundle \S+ -> \S+ \(impulse\): 7fdf3b645a1cac09000000010f00\r?$", text);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Trace_of_more_than_one_scenario_is_an_error()
    {
        var stderr = new StringWriter();
        var options = new RunOptions(null, "--endpoint", new ScenarioSelection(null, ["impulse"], []), null, new DirectoryInfo(Path.GetTempPath()), Trace: true);

        Assert.Equal(2, await RunCommand.RunAsync(options, new StringWriter(), stderr, TestContext.Current.CancellationToken));
        Assert.Equal("error: --trace needs a selection of exactly one scenario; --area impulse selects 6" + Environment.NewLine, stderr.ToString());
    }

    [Theory]
    // Nothing, short, exactly the limit (64 bytes = 128 hex digits), over the limit (cut, with the length).
    [InlineData(0, 7, "(empty)")]
    [InlineData(2, 4, "0001")]
    [InlineData(64, 128, "3e3f")]
    [InlineData(65, 128 + 12, "3e3f… (65 bytes)")]
    public void Hex_shows_at_most_64_bytes(int length, int textLength, string end)
    {
        var hex = ProtocolTrace.Hex([.. Enumerable.Range(0, length).Select(i => (byte)i)]);

        Assert.Equal(textLength, hex.Length);
        Assert.EndsWith(end, hex, StringComparison.Ordinal);
    }
}
