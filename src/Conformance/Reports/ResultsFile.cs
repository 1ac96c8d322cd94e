using System.Text.Json;
using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Reports;

/// <summary>Reads a <c>results.json</c> written by <see cref="JsonResultsReport"/> back into a <see cref="RunReport"/> (for <c>merge</c>).</summary>
public static class ResultsFile
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file is not a BeamConformance results.json of this format version; the message names the file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static RunReport Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = json.RootElement;
            if (root.GetProperty("format_version").GetInt32() != JsonResultsReport.FormatVersion)
            {
                throw new FormatException($"{path}: format_version {root.GetProperty("format_version")} is not {JsonResultsReport.FormatVersion}");
            }

            var outcomes = Enum.GetValues<ScenarioOutcome>().ToDictionary(RunReport.OutcomeName, o => o, StringComparer.Ordinal);
            var results = root.GetProperty("scenarios").EnumerateArray().Select(s => new ScenarioResult(
                new ScenarioId(s.GetProperty("id").GetString()!),
                s.GetProperty("description").GetString()!,
                s.GetProperty("spec").GetString()!,
                [.. s.GetProperty("features").EnumerateArray().Select(f => f.GetString()!)],
                outcomes.TryGetValue(s.GetProperty("outcome").GetString()!, out var o) ? o : throw new FormatException($"{path}: unknown outcome '{s.GetProperty("outcome")}'"),
                TimeSpan.FromMilliseconds(s.GetProperty("duration_ms").GetInt64()),
                s.GetProperty("details").GetString()!,
                s.GetProperty("reason").GetString(),
                [.. s.GetProperty("job_messages").EnumerateArray().Select(m => m.GetString()!)])).ToList();
            var summary = root.GetProperty("summary");
            return new RunReport(root.GetProperty("runner").GetString()!, results, TimeSpan.FromMilliseconds(root.GetProperty("duration_ms").GetInt64()))
            {
                Planned = summary.TryGetProperty("planned", out var planned) ? planned.GetInt32() : results.Count,
                Stopped = summary.TryGetProperty("stopped", out var stopped) ? stopped.GetString() : null,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"{path}: not a BeamConformance results.json: {e.Message}", e);
        }
    }
}
