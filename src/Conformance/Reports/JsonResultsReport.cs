using System.Text.Json;
using BeamConformance.Conformance.Checking;

namespace BeamConformance.Conformance.Reports;

/// <summary>
/// Writes a run as JSON: <c>{format_version, runner, duration_ms, summary{total, passed, failed, skipped, expected_failure, unexpected_pass, planned, succeeded, stopped}, scenarios[{id, area,
/// description, spec, features, outcome, duration_ms, details, reason, job_messages}]}</c>; outcomes
/// are <c>passed | failed | skipped | expected_failure | unexpected_pass</c>; durations in ms.
/// </summary>
public static class JsonResultsReport
{
    /// <summary>The version of the <c>results.json</c> layout (independent of the scenario format's version).</summary>
    public const int FormatVersion = 1;

    /// <summary>Writes the JSON (UTF-8, indented) to <paramref name="output"/>.</summary>
    public static void Write(RunReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteNumber("format_version", FormatVersion);
        w.WriteString("runner", report.Runner);
        w.WriteNumber("duration_ms", (long)report.Duration.TotalMilliseconds);
        w.WriteStartObject("summary");
        w.WriteNumber("total", report.Results.Count);
        foreach (var outcome in Enum.GetValues<ScenarioOutcome>())
        {
            w.WriteNumber(RunReport.OutcomeName(outcome), report.Count(outcome));
        }

        w.WriteNumber("planned", report.Planned);
        w.WriteBoolean("succeeded", report.Succeeded);
        if (report.Stopped is null)
        {
            w.WriteNull("stopped");
        }
        else
        {
            w.WriteString("stopped", report.Stopped);
        }

        w.WriteEndObject();
        w.WriteStartArray("scenarios");
        foreach (var r in report.Ordered)
        {
            w.WriteStartObject();
            w.WriteString("id", r.Id.Value);
            w.WriteString("area", r.Area);
            w.WriteString("description", r.Description);
            w.WriteString("spec", r.Spec);
            w.WriteStartArray("features");
            r.Features.ToList().ForEach(w.WriteStringValue);
            w.WriteEndArray();
            w.WriteString("outcome", RunReport.OutcomeName(r.Outcome));
            w.WriteNumber("duration_ms", (long)r.Duration.TotalMilliseconds);
            w.WriteString("details", r.Details);
            if (r.Reason is null)
            {
                w.WriteNull("reason");
            }
            else
            {
                w.WriteString("reason", r.Reason);
            }

            w.WriteStartArray("job_messages");
            r.JobMessages.ToList().ForEach(w.WriteStringValue);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
