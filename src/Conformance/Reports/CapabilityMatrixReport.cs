using System.Globalization;
using System.Text;
using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Reports.Internal;

namespace BeamConformance.Conformance.Reports;

/// <summary>
/// Writes one or more runs as a capability matrix: one self-contained HTML file (inline style and script, no external
/// assets) with a summary per runner, a matrix per area and per feature tag (passed of total per runner), and every
/// scenario's outcome per runner with its spec anchor and, for failures, the diff. Every outcome cell carries
/// <c>data-runner</c> and <c>data-outcome</c> (<c>passed | failed | skipped | expected_failure | unexpected_pass |
/// not_run</c>); the inline script counts them in the rendered page into <c>#rendered-counts</c>.
/// </summary>
public static class CapabilityMatrixReport
{
    /// <summary>The HTML text for <paramref name="runs"/> (LF line endings); runners with the same name get <c>#2</c>, <c>#3</c>.</summary>
    public static string Build(IReadOnlyList<RunReport> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var names = MatrixHtml.UniqueNames(runs);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>BeamConformance capability matrix</title>\n");
        h.Append("<style>").Append(MatrixHtml.Style).Append("</style>\n</head>\n<body>\n<h1>BeamConformance capability matrix</h1>\n");
        h.Append(CultureInfo.InvariantCulture, $"<p>{runs.Count} runner(s), {runs.SelectMany(r => r.Results).Select(r => r.Id).Distinct().Count()} scenarios. Cells: passed of total; green all passed, amber skipped or expected failures only, red failures.</p>\n");
        MatrixHtml.Summary(h, runs, names);
        MatrixHtml.Matrix(h, "By area", "area", runs, names, r => [r.Area]);
        MatrixHtml.Matrix(h, "By feature", "feature", runs, names, r => r.Features);
        MatrixHtml.Scenarios(h, runs, names);
        h.Append("<p id=\"rendered-counts\"></p>\n<script>").Append(MatrixHtml.Script).Append("</script>\n</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>Writes the HTML (UTF-8) to <paramref name="output"/>.</summary>
    public static void Write(IReadOnlyList<RunReport> runs, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(new UTF8Encoding(false).GetBytes(Build(runs)));
    }

    /// <summary>The <c>data-outcome</c> value of an outcome (the JSON outcome name).</summary>
    public static string OutcomeName(ScenarioOutcome? outcome) => outcome is { } o ? RunReport.OutcomeName(o) : "not_run";
}
