using YamlDotNet.RepresentationModel;

namespace BeamConformance.Conformance.Scenarios.Internal;

/// <summary>Reads <c>job_api</c> steps.</summary>
internal static class JobApiReader
{
    private static readonly Dictionary<string, JobState> States = Enum.GetValues<JobState>()
        .ToDictionary(v => v.ToString().ToUpperInvariant(), v => v, StringComparer.Ordinal);

    private static readonly HashSet<string> Methods = new(["GetState", "GetPipeline", "Cancel", "GetStateStream", "GetMessageStream", "GetJobMetrics"], StringComparer.Ordinal);

    private static readonly Dictionary<string, bool> MetricKinds = new(StringComparer.Ordinal) { ["attempted"] = false, ["committed"] = true };

    public static JobState State(YamlSource s, YamlNode node, string key) => s.Enum(node, key, States);

    public static JobApiStep Step(YamlSource s, YamlNode node)
    {
        var (variant, arg, _) = s.Union(node, "job_step", "job_api");
        List<JobState> StateList(YamlMap m, string key) => [.. m.List(key).Select(n => State(s, n, key))];
        JobApiStep step;
        switch (variant)
        {
            case "wait_for":
                var states = s.Sequence(arg, variant).Select(n => State(s, n, variant)).ToList();
                step = states.Count > 0 ? new JobApiStep.WaitFor(states) : throw s.Error(arg, variant, "name at least one state");
                break;
            case "wait_for_message":
                var fragment = s.String(arg, variant);
                step = fragment.Length > 0 ? new JobApiStep.WaitForMessage(fragment) : throw s.Error(arg, variant, "name a non-empty message fragment");
                break;
            case "cancel": step = new JobApiStep.Cancel(StateList(YamlMap.Open(s, arg, variant, variant), "answers")); break;
            case "expect_state": step = new JobApiStep.ExpectState(State(s, arg, variant)); break;
            case "expect_state_stream":
                var ss = YamlMap.Open(s, arg, variant, variant);
                step = new JobApiStep.ExpectStateStream(StateList(ss, "subsequence"), ss.Get("last") is { } last ? State(s, last, "last") : null);
                break;
            case "expect_message_stream":
                var ms = YamlMap.Open(s, arg, variant, variant);
                step = new JobApiStep.ExpectMessageStream(StateList(ms, "states_subsequence"), ms.Strings("message_contains"), ms.Strings("warning_contains"), Counts(s, ms, "warning_counts", "warnings"), Counts(s, ms, "message_counts", "messages"));
                break;
            case "expect_metric":
                var em = YamlMap.Open(s, arg, variant, variant);
                step = new JobApiStep.ExpectMetric(em.String("urn"), em.OptString("pcollection"), em.OptString("transform"),
                    em.Enum("kind", false, MetricKinds), em.OptLong("at_least"), em.OptLong("equals"), em.OptString("name"), em.OptString("namespace"), em.OptString("payload_hex")?.ToLowerInvariant());
                break;
            case "call":
                var c = YamlMap.Open(s, arg, variant, variant);
                var method = c.String("method");
                var status = c.String("expect_status");
                if (!Methods.Contains(method))
                {
                    throw c.Error("method", $"'{method}' is not one of: {string.Join(", ", Methods)}");
                }

                step = ScenarioFormat.StatusCodes.Contains(status)
                    ? new JobApiStep.Call(method, c.OptString("job_id"), status)
                    : throw c.Error("expect_status", $"'{status}' is not a gRPC status code name");
                break;
            case "expect_pipeline": s.Empty(arg, variant); step = new JobApiStep.ExpectPipeline(); break;
            default: s.Empty(arg, variant); step = new JobApiStep.ExpectListed(); break;
        }

        return step with { Location = s.At(node) };
    }

    // warning_counts / message_counts: a mapping of message fragment → how many warnings (messages of any importance)
    // contain it (an integer >= 0).
    private static Dictionary<string, long> Counts(YamlSource s, YamlMap map, string key, string what)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (map.Get(key) is not { } node)
        {
            return counts;
        }

        if (node is not YamlMappingNode mapping)
        {
            throw s.Error(node, key, $"expected a mapping of message fragment → count, got {YamlMap.Describe(node)}");
        }

        foreach (var (k, v) in mapping.Children)
        {
            var fragment = s.String(k, key);
            var count = s.Long(v, fragment);
            if (count < 0 || !counts.TryAdd(fragment, count))
            {
                throw s.Error(k, fragment, count < 0 ? $"a count of {what} is not negative" : "duplicate key");
            }
        }

        return counts;
    }
}
