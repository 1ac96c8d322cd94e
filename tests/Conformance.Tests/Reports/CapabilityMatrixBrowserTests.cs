using System.Text.Json;
using System.Text.RegularExpressions;
using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Reports;
using BeamConformance.Conformance.Running;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Tests.Reports;

/// <summary>
/// The HTML capability matrix rendered by a real headless Chromium: the outcome cells the browser counts in the
/// rendered page equal the counts in each run's results.json, for one run (report.html) and merged across runners.
/// </summary>
[Trait("category", "report")]
public sealed partial class CapabilityMatrixBrowserTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("beam-matrix-");

    [Fact]
    public async Task Merged_matrix_renders_and_its_counts_equal_the_results_files()
    {
        var ct = TestContext.Current.CancellationToken;

        // A real run of the impulse area on the embedded runner, with a skip and an expected failure that passes.
        var expectations = Path.Combine(_dir.FullName, "reference-test.yaml");
        await File.WriteAllTextAsync(expectations, """
            runner: reference
            entries:
              - {id: impulse/two_impulses, status: skip, reason: "skipped <on purpose> & escaped"}
              - {id: impulse/exact_bytes, status: expected_fail, reason: passes in fact}
            """, ct);
        var runDir = new DirectoryInfo(Path.Combine(_dir.FullName, "run"));
        var code = await RunCommand.RunAsync(new RunOptions(null, "--endpoint", new ScenarioSelection(null, ["impulse"], []), new FileInfo(expectations), runDir),
            new StringWriter(), new StringWriter(), ct);
        Assert.Equal(1, code);

        // A second runner's results with every outcome, over other scenarios too.
        var other = Path.Combine(_dir.FullName, "other.json");
        await using (var stream = File.Create(other))
        {
            JsonResultsReport.Write(OtherRunner(), stream);
        }

        var matrix = new FileInfo(Path.Combine(_dir.FullName, "matrix.html"));
        Assert.Equal(0, MergeCommand.Run([new FileInfo(Path.Combine(runDir.FullName, "results.json")), new FileInfo(other)], matrix, new StringWriter(), new StringWriter()));

        var merged = RenderedCounts(await Chromium.DumpDomAsync(matrix.FullName, ct));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var expected = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in new[] { Path.Combine(runDir.FullName, "results.json"), other })
        {
            using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(file, ct));
            ids.UnionWith(json.RootElement.GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
        }

        foreach (var file in new[] { Path.Combine(runDir.FullName, "results.json"), other })
        {
            using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(file, ct));
            var runner = json.RootElement.GetProperty("runner").GetString()!;
            var summary = json.RootElement.GetProperty("summary");
            foreach (var outcome in new[] { "passed", "failed", "skipped", "expected_failure", "unexpected_pass" })
            {
                if (summary.GetProperty(outcome).GetInt32() is var n and > 0)
                {
                    expected[$"{runner} {outcome}"] = n;
                }
            }

            if (ids.Count - summary.GetProperty("total").GetInt32() is var notRun and > 0)
            {
                expected[$"{runner} not_run"] = notRun;
            }
        }

        Assert.Equal(
            new SortedDictionary<string, int>(StringComparer.Ordinal)
            {
                ["other passed"] = 1, ["other failed"] = 1, ["other skipped"] = 1, ["other expected_failure"] = 1, ["other unexpected_pass"] = 1, ["other not_run"] = 4,
                ["reference passed"] = 4, ["reference skipped"] = 1, ["reference unexpected_pass"] = 1, ["reference not_run"] = 3,
            },
            expected);
        Assert.Equal(expected, merged);
    }

    [Fact]
    public async Task Report_html_of_a_run_renders_with_the_diff_and_spec_of_a_failure()
    {
        var report = OtherRunner();
        var file = Path.Combine(_dir.FullName, "report.html");
        await using (var stream = File.Create(file))
        {
            CapabilityMatrixReport.Write([report], stream);
        }

        var dom = await Chromium.DumpDomAsync(file, TestContext.Current.CancellationToken);

        Assert.Equal(new SortedDictionary<string, int>(StringComparer.Ordinal) { ["other expected_failure"] = 1, ["other failed"] = 1, ["other passed"] = 1, ["other skipped"] = 1, ["other unexpected_pass"] = 1 }, RenderedCounts(dom));
        Assert.Contains("<pre>sink 'Out': 1 expected pane(s), 2 actual pane(s)\n  FAIL  unexpected output: &lt;x&gt;</pre>", dom, StringComparison.Ordinal);
        Assert.Contains("<code>beam:transform:group_by_key:v1</code>", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", dom, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private static RunReport OtherRunner() => new("other", [
        new(new ScenarioId("pardo/map_add"), "Map adds one.", "beam:transform:pardo:v1", ["UsesParDo"], ScenarioOutcome.Passed, TimeSpan.FromMilliseconds(12), "", null, []),
        new(new ScenarioId("groupbykey/fixed"), "Groups per window.", "beam:transform:group_by_key:v1", ["UsesGroupByKey"], ScenarioOutcome.Failed, TimeSpan.FromMilliseconds(250),
            "sink 'Out': 1 expected pane(s), 2 actual pane(s)\n  FAIL  unexpected output: <x>", null, ["bundle 3 failed"]),
        new(new ScenarioId("groupbykey/sessions"), "Merges sessions.", "beam:window_fn:session_windows:v1", ["UsesGroupByKey"], ScenarioOutcome.Skipped, TimeSpan.Zero, "", "no merging", []),
        new(new ScenarioId("impulse/exact_bytes"), "Exact bytes.", "beam:transform:impulse:v1", ["UsesImpulse"], ScenarioOutcome.ExpectedFailure, TimeSpan.FromMilliseconds(3), "wrong bytes", "known", []),
        new(new ScenarioId("impulse/two_impulses"), "Two.", "beam:transform:impulse:v1", ["UsesImpulse"], ScenarioOutcome.UnexpectedPass, TimeSpan.FromMilliseconds(5), "", "was broken", []),
    ], TimeSpan.FromMilliseconds(1500));

    private static SortedDictionary<string, int> RenderedCounts(string dom)
    {
        var match = RenderedCountsParagraph().Match(dom);
        Assert.True(match.Success, "the page's script did not fill #rendered-counts: the page did not render or run");
        return new SortedDictionary<string, int>(match.Groups[1].Value.Split(", ").Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)), StringComparer.Ordinal);
    }

    [GeneratedRegex("<p id=\"rendered-counts\">rendered: ([^<]+)</p>")]
    private static partial Regex RenderedCountsParagraph();
}
