using BeamConformance.Conformance.Scenarios;
using BeamConformance.Conformance.Scenarios.Internal;

namespace BeamConformance.Conformance.Checking;

/// <summary>
/// A per-runner expectations file (<c>testdata/expectations/&lt;runner&gt;.yaml</c>): which scenarios to skip
/// and which are expected to fail, and the outcome rules built on it.
/// </summary>
/// <param name="Runner">The runner's name.</param>
/// <param name="Entries">Entries in file order; the first matching entry applies.</param>
public sealed record RunnerExpectations(string Runner, IReadOnlyList<ExpectationEntry> Entries)
{
    private static readonly Dictionary<string, ExpectationStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["skip"] = ExpectationStatus.Skip, ["expected_fail"] = ExpectationStatus.ExpectedFail,
    };

    /// <summary>No expectations: every scenario must pass.</summary>
    public static RunnerExpectations None { get; } = new("any", []);

    /// <summary>Loads an expectations file strictly.</summary>
    /// <exception cref="ScenarioFormatException">The file does not follow the format.</exception>
    public static RunnerExpectations LoadFile(string path) => Load(File.ReadAllText(path), path);

    /// <summary>Parses expectations YAML, reporting errors against <paramref name="fileName"/>.</summary>
    /// <exception cref="ScenarioFormatException">The text does not follow the format.</exception>
    public static RunnerExpectations Load(string text, string fileName)
    {
        var source = new YamlSource(fileName);
        var root = YamlMap.Open(source, YamlSource.Parse(fileName, text), "expectations", null);
        var entries = new List<ExpectationEntry>();
        foreach (var node in root.List("entries"))
        {
            var e = YamlMap.Open(source, node, "entry", "entries");
            var id = e.String("id");
            var parts = id.Split('/');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw e.Error("id", $"'{id}' is neither <area>/<behaviour> nor <area>/*");
            }

            if (entries.Any(x => x.Pattern == id))
            {
                throw e.Error("id", $"'{id}' is listed twice");
            }

            var reason = e.String("reason");
            entries.Add(new ExpectationEntry(id, source.Enum(e.Required("status"), "status", Statuses),
                reason.Trim().Length > 0 ? reason : throw e.Error("reason", "give a reason"), e.Location));
        }

        if (!root.Has("entries"))
        {
            throw root.Error("entries", "required key is missing");
        }

        return new RunnerExpectations(root.String("runner"), entries);
    }

    /// <summary>The entry that applies to <paramref name="id"/>, or null.</summary>
    public ExpectationEntry? For(ScenarioId id) => Entries.FirstOrDefault(e => e.Matches(id));

    /// <summary>Entries that match none of <paramref name="ids"/> (stale entries are an error).</summary>
    public IReadOnlyList<ExpectationEntry> Unmatched(IEnumerable<ScenarioId> ids)
    {
        var all = ids.ToList();
        return [.. Entries.Where(e => !all.Any(e.Matches))];
    }

    /// <summary>
    /// The outcome of <paramref name="id"/> given whether it conformed (null when it was not run).
    /// </summary>
    public ScenarioOutcome Outcome(ScenarioId id, bool? conformed) => (For(id)?.Status, conformed) switch
    {
        (ExpectationStatus.Skip, _) or (_, null) => ScenarioOutcome.Skipped,
        (ExpectationStatus.ExpectedFail, true) => ScenarioOutcome.UnexpectedPass,
        (ExpectationStatus.ExpectedFail, false) => ScenarioOutcome.ExpectedFailure,
        (_, true) => ScenarioOutcome.Passed,
        _ => ScenarioOutcome.Failed,
    };

    /// <summary>Whether <paramref name="outcome"/> fails the run (a failure or an unexpected pass).</summary>
    public static bool FailsRun(ScenarioOutcome outcome) => outcome is ScenarioOutcome.Failed or ScenarioOutcome.UnexpectedPass;
}
