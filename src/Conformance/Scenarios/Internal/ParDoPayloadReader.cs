using YamlDotNet.RepresentationModel;

namespace BeamConformance.Conformance.Scenarios.Internal;

/// <summary>Reads a transform's <c>pardo_payload</c> key (<see cref="ParDoPayloadOverrides"/>).</summary>
internal static class ParDoPayloadReader
{
    /// <summary>State kind → how many coder ids it names.</summary>
    private static readonly Dictionary<string, int> StateKinds = new(StringComparer.Ordinal)
    {
        ["bag"] = 1, ["read_modify_write"] = 1, ["combining"] = 1, ["map"] = 2, ["set"] = 1, ["multimap"] = 2,
        ["ordered_list"] = 1, ["none"] = 0,
    };

    private static readonly Dictionary<string, string> TimeDomains = new(StringComparer.Ordinal)
    {
        ["event_time"] = "event_time", ["processing_time"] = "processing_time",
        ["unspecified"] = "unspecified",
    };

    /// <summary>The overrides written under <paramref name="node"/>, for a transform of <paramref name="urn"/>.</summary>
    /// <exception cref="ScenarioFormatException">The key is on a transform the builder does not send as a ParDo, or
    /// its value is malformed.</exception>
    public static ParDoPayloadOverrides Read(YamlSource s, YamlMap transform, YamlNode node, string urn, bool opaque)
    {
        if (opaque || !urn.StartsWith("beamconformance:transform:", StringComparison.Ordinal))
        {
            throw transform.Error("pardo_payload", "only our test transforms (beamconformance:transform:*), which are sent as beam:transform:pardo:v1, have a ParDoPayload to override");
        }

        var map = YamlMap.Open(s, node, "pardo_payload", "pardo_payload");
        if (map.Get("bytes") is { } raw)
        {
            if (map.Keys.Count() > 1)
            {
                throw map.Error("bytes", "bytes replaces the whole payload; give no other key with it");
            }

            return new(null, null, null, null, null, null, null, ValueReader.Bytes(s, raw, "bytes", null));
        }

        return new(
            Entries(s, map, "coders", (id, v) =>
            {
                var coder = YamlMap.Open(s, v, "raw_coder", id);
                return new RawCoder(coder.String("urn"), coder.Strings("components"));
            }),
            Entries(s, map, "state_specs", (id, v) =>
            {
                var spec = YamlMap.Open(s, v, "state_spec", id);
                var kind = s.Enum(spec.Required("kind"), "kind", StateKinds.Keys.ToDictionary(k => k, StringComparer.Ordinal));
                var coders = spec.Strings("coders");
                if (coders.Count != StateKinds[kind])
                {
                    throw spec.Error("coders", $"a {kind} state spec names {StateKinds[kind]} coder id(s), got {coders.Count}");
                }

                return new StateSpecOverride(kind, coders, spec.OptString("protocol"));
            }),
            Entries(s, map, "timer_family_specs", (id, v) =>
            {
                var spec = YamlMap.Open(s, v, "timer_family_spec", id);
                // An empty coder id is a hostile spec too (timer_family_coder_id left unset).
                var coder = spec.Get("coder") is YamlScalarNode { Value: "" } ? "" : spec.String("coder");
                return new TimerFamilyOverride(s.Enum(spec.Required("time_domain"), "time_domain", TimeDomains), coder);
            }),
            Entries(s, map, "side_inputs", (id, v) => s.String(v, id)),
            map.Get("restriction_coder_id") is YamlScalarNode { Value: "" } ? "" : map.OptString("restriction_coder_id"),
            map.OptBool("requires_time_sorted_input"),
            map.OptString("on_window_expiration_timer_family_spec"),
            null);
    }

    private static Dictionary<string, T>? Entries<T>(YamlSource s, YamlMap map, string key, Func<string, YamlNode, T> read)
    {
        if (map.Get(key) is not { } node)
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            throw s.Error(node, key, $"expected a mapping of id → definition, got {YamlMap.Describe(node)}");
        }

        var entries = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (k, v) in mapping.Children)
        {
            var id = s.String(k, key);
            if (!entries.TryAdd(id, read(id, v)))
            {
                throw s.Error(k, id, "duplicate key");
            }
        }

        return entries;
    }
}
