using System.Globalization;
using System.Net;
using System.Text;
using BeamConformance.Conformance.Checking;

namespace BeamConformance.Conformance.Reports.Internal;

/// <summary>The parts of <see cref="CapabilityMatrixReport"/>'s page.</summary>
internal static class MatrixHtml
{
    public const string Style =
        "body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin:0 0 1.5em}th,td{border:1px solid #bbb;padding:.2em .5em;text-align:left;vertical-align:top}"
        + ".all-pass,.o-passed{background:#d4f4d4}.partial,.o-skipped,.o-expected_failure,.o-not_run{background:#fbeec2}.fails,.o-failed,.o-unexpected_pass{background:#f6c6c6}"
        + ".none{background:#eee;color:#777}pre{white-space:pre-wrap;margin:.3em 0;font-size:90%}code{font-size:90%}";

    // Counts the outcome cells of the scenario table as the browser rendered them.
    public const string Script =
        "(function(){var c={};document.querySelectorAll('#scenarios td[data-outcome]').forEach(function(td){var k=td.getAttribute('data-runner')+' '+td.getAttribute('data-outcome');c[k]=(c[k]||0)+1;});"
        + "document.getElementById('rendered-counts').textContent='rendered: '+Object.keys(c).sort().map(function(k){return k+'='+c[k];}).join(', ');})();";

    private static readonly ScenarioOutcome[] Outcomes = Enum.GetValues<ScenarioOutcome>();

    public static string[] UniqueNames(IReadOnlyList<RunReport> runs)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return [.. runs.Select(r => (seen[r.Runner] = seen.GetValueOrDefault(r.Runner) + 1) == 1 ? r.Runner : $"{r.Runner}#{seen[r.Runner]}")];
    }

    public static void Summary(StringBuilder h, IReadOnlyList<RunReport> runs, string[] names)
    {
        h.Append("<h2>Summary</h2>\n<table id=\"summary\">\n<tr><th>runner</th>");
        h.AppendJoin("", Outcomes.Select(o => $"<th>{RunReport.OutcomeName(o)}</th>")).Append("<th>total</th><th>verdict</th></tr>\n");
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            h.Append(CultureInfo.InvariantCulture, $"<tr data-runner=\"{E(names[i])}\"><td>{E(names[i])}</td>");
            h.AppendJoin("", Outcomes.Select(o => $"<td data-count=\"{RunReport.OutcomeName(o)}\">{run.Count(o)}</td>"));
            var verdict = run.Succeeded ? "conforms" : run.Stopped is { } s ? $"incomplete: {s}" : "does not conform";
            h.Append(CultureInfo.InvariantCulture, $"<td>{run.Results.Count}</td><td class=\"{(run.Succeeded ? "all-pass" : "fails")}\">{E(verdict)}</td></tr>\n");
        }

        h.Append("</table>\n");
    }

    public static void Matrix(StringBuilder h, string title, string what, IReadOnlyList<RunReport> runs, string[] names, Func<ScenarioResult, IEnumerable<string>> keys)
    {
        var groups = runs.SelectMany(r => r.Results).SelectMany(keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        h.Append(CultureInfo.InvariantCulture, $"<h2>{title}</h2>\n<table id=\"by-{what}\">\n<tr><th>{what}</th>");
        h.AppendJoin("", names.Select(n => $"<th>{E(n)}</th>")).Append("</tr>\n");
        foreach (var key in groups)
        {
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(key)}</td>");
            foreach (var run in runs)
            {
                var results = run.Results.Where(r => keys(r).Contains(key, StringComparer.Ordinal)).ToList();
                var css = results.Count == 0 ? "none" : results.Any(r => r.FailsRun) ? "fails" : results.All(r => r.Outcome == ScenarioOutcome.Passed) ? "all-pass" : "partial";
                var text = results.Count == 0 ? "—" : $"{results.Count(r => r.Outcome == ScenarioOutcome.Passed)}/{results.Count}";
                h.Append(CultureInfo.InvariantCulture, $"<td class=\"{css}\">{text}</td>");
            }

            h.Append("</tr>\n");
        }

        h.Append("</table>\n");
    }

    public static void Scenarios(StringBuilder h, IReadOnlyList<RunReport> runs, string[] names)
    {
        var byId = runs.Select(r => r.Results.GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.First())).ToList();
        var ids = byId.SelectMany(d => d.Keys).Distinct().Order().ToList();
        h.Append("<h2>Scenarios</h2>\n<table id=\"scenarios\">\n<tr><th>scenario</th><th>spec</th><th>features</th>");
        h.AppendJoin("", names.Select(n => $"<th>{E(n)}</th>")).Append("</tr>\n");
        foreach (var id in ids)
        {
            var any = byId.Select(d => d.GetValueOrDefault(id)).First(r => r is not null)!;
            h.Append(CultureInfo.InvariantCulture, $"<tr id=\"{E(id.Value)}\"><td><code>{E(id.Value)}</code><br>{E(any.Description.Trim())}</td><td><code>{E(any.Spec)}</code></td><td>{E(string.Join(", ", any.Features))}</td>");
            for (var i = 0; i < runs.Count; i++)
            {
                var r = byId[i].GetValueOrDefault(id);
                var outcome = CapabilityMatrixReport.OutcomeName(r?.Outcome);
                h.Append(CultureInfo.InvariantCulture, $"<td class=\"o-{outcome}\" data-runner=\"{E(names[i])}\" data-outcome=\"{outcome}\">{outcome.Replace('_', ' ')}");
                if (r?.Reason is { } reason)
                {
                    h.Append(CultureInfo.InvariantCulture, $"<br><small>{E(reason)}</small>");
                }

                if (r is not null && r.Outcome is ScenarioOutcome.Failed or ScenarioOutcome.ExpectedFailure && r.Details.Length > 0)
                {
                    h.Append(CultureInfo.InvariantCulture, $"<details><summary>diff</summary><pre>{E(r.Details)}</pre>");
                    if (r.JobMessages.Count > 0)
                    {
                        h.Append(CultureInfo.InvariantCulture, $"<pre>{E(string.Join("\n", r.JobMessages))}</pre>");
                    }

                    h.Append("</details>");
                }

                h.Append("</td>");
            }

            h.Append("</tr>\n");
        }

        h.Append("</table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
