using System.Globalization;
using System.Text;
using BeamConformance.Conformance.Checking;

namespace BeamConformance.Conformance.Reports;

/// <summary>
/// Writes a runner's expectations file (testdata/README.md, "Expectations files") from a run, so that the same run
/// under it is green: each failure becomes an <c>expected_fail</c> entry whose reason is the failure's first line and
/// whose comment holds the first lines of its diff; expected failures and skips keep their entry and reason; unexpected
/// passes and passes get none. Entries are per scenario id, in id order.
/// </summary>
public static class ExpectationsWriter
{
    /// <summary>How many lines of a failure's diff are kept as the entry's comment.</summary>
    public const int CommentLines = 6;

    /// <summary>The YAML text (LF line endings) for <paramref name="report"/>.</summary>
    public static string Build(RunReport report, string runner)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(runner);
        var y = new StringBuilder();
        y.Append(CultureInfo.InvariantCulture, $"# Expectations for {runner}, written by `run --write-expectations` from a run of {report.Results.Count} scenarios: {report.SummaryLine}.\n");
        y.Append("# Each failure of that run is an expected failure; the comment above it is how it failed. Fix the runner and remove entries.\n");
        if (report.Stopped is { } stopped)
        {
            y.Append(CultureInfo.InvariantCulture, $"# The run was incomplete ({stopped}): scenarios it did not run have no entry.\n");
        }

        y.Append(CultureInfo.InvariantCulture, $"runner: {Quote(runner)}\n");
        var entries = report.Ordered.Where(r => r.Outcome is ScenarioOutcome.Failed or ScenarioOutcome.ExpectedFailure or ScenarioOutcome.Skipped).ToList();
        if (entries.Count == 0)
        {
            return y.Append("entries: []\n").ToString();
        }

        y.Append("entries:\n");
        foreach (var r in entries)
        {
            var lines = r.Details.Replace("\r", "", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (r.Outcome == ScenarioOutcome.Failed)
            {
                foreach (var line in lines.Take(CommentLines))
                {
                    y.Append("  # ").Append(line.TrimEnd()).Append('\n');
                }

                if (lines.Length > CommentLines)
                {
                    y.Append(CultureInfo.InvariantCulture, $"  # ... {lines.Length - CommentLines} more line(s) in the run's reports\n");
                }
            }

            var (status, reason) = r.Outcome switch
            {
                ScenarioOutcome.Failed => ("expected_fail", lines.FirstOrDefault()?.Trim() is { Length: > 0 } first ? first : "failed"),
                ScenarioOutcome.ExpectedFailure => ("expected_fail", r.Reason ?? "expected to fail"),
                _ => ("skip", r.Reason ?? "skipped"),
            };
            y.Append(CultureInfo.InvariantCulture, $"  - {{id: {r.Id.Value}, status: {status}, reason: {Quote(Cut(reason))}}}\n");
        }

        return y.ToString();
    }

    /// <summary>Writes the file (UTF-8).</summary>
    public static void Write(RunReport report, string runner, string path) =>
        File.WriteAllText(path, Build(report, runner), new UTF8Encoding(false));

    private static string Cut(string text) => text.Length <= 200 ? text : text[..199] + "…";

    // A YAML double-quoted scalar.
    private static string Quote(string text)
    {
        var q = new StringBuilder("\"");
        foreach (var c in text)
        {
            q.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return q.Append('"').ToString();
    }
}
