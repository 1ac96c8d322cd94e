using System.Globalization;
using System.Text;
using BeamConformance.Conformance.Checking;

namespace BeamConformance.Conformance.Reports;

/// <summary>
/// Writes a run as a Markdown summary: the totals line, a table per area and per feature tag
/// (a capability matrix), then each failure and unexpected pass with its diff and job messages.
/// </summary>
public static class MarkdownSummaryReport
{
    private static readonly ScenarioOutcome[] Columns = Enum.GetValues<ScenarioOutcome>();

    /// <summary>The Markdown text for <paramref name="report"/> (LF line endings).</summary>
    public static string Build(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# BeamConformance results: {report.Runner}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"**{report.SummaryLine}** of {report.Results.Count} scenarios in {report.Duration.TotalSeconds:0.0} s: {(report.Succeeded ? "conforms" : "does not conform")}.\n\n");
        if (report.Stopped is { } stopped)
        {
            md.Append(CultureInfo.InvariantCulture, $"**The run is incomplete**: {stopped}.\n\n");
        }

        Table(md, "By area", "area", report.Ordered.GroupBy(r => r.Area, StringComparer.Ordinal));
        Table(md, "By feature", "feature", report.Ordered.SelectMany(r => r.Features.Select(f => (f, r))).GroupBy(x => x.f, x => x.r, StringComparer.Ordinal));
        var failing = report.Ordered.Where(r => r.FailsRun).ToList();
        if (failing.Count > 0)
        {
            md.Append("## Failures\n");
            foreach (var r in failing)
            {
                md.Append(CultureInfo.InvariantCulture, $"\n### `{r.Id}`: {RunReport.OutcomeName(r.Outcome)}\n\n{r.Description.Trim()}\n\nSpec: `{r.Spec}`\n");
                var details = r.Outcome == ScenarioOutcome.UnexpectedPass ? $"expected to fail ({r.Reason}) but passed: update the expectations file" : r.Details;
                md.Append(CultureInfo.InvariantCulture, $"\n```text\n{details}\n```\n");
                if (r.JobMessages.Count > 0)
                {
                    md.Append("\nJob messages:\n\n```text\n").AppendJoin('\n', r.JobMessages).Append("\n```\n");
                }
            }
        }

        return md.ToString();
    }

    /// <summary>Writes the Markdown (UTF-8) to <paramref name="output"/>.</summary>
    public static void Write(RunReport report, Stream output)
    {
        var bytes = new UTF8Encoding(false).GetBytes(Build(report));
        output.Write(bytes);
    }

    private static void Table(StringBuilder md, string title, string what, IEnumerable<IGrouping<string, ScenarioResult>> groups)
    {
        md.Append(CultureInfo.InvariantCulture, $"## {title}\n\n| {what} | {string.Join(" | ", Columns.Select(RunReport.OutcomeName))} |\n");
        md.Append("| --- |").Append(string.Concat(Columns.Select(_ => " ---: |"))).Append('\n');
        foreach (var g in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {g.Key} | {string.Join(" | ", Columns.Select(c => g.Count(r => r.Outcome == c)))} |\n");
        }

        md.Append('\n');
    }
}
