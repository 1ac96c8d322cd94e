using BeamConformance.Model;
using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>
/// Combiner lifting: <c>CombinePerKey</c> (input <c>KV&lt;K, I&gt;</c>, output <c>KV&lt;K, O&gt;</c>) becomes
/// PreCombine (SDK, <c>KV&lt;K, A&gt;</c>) → GroupByKey (runner, <c>KV&lt;K, Iterable&lt;A&gt;&gt;</c>) →
/// MergeAccumulators (SDK, <c>KV&lt;K, A&gt;</c>) → ExtractOutputs (SDK, <c>KV&lt;K, O&gt;</c>); each SDK part carries the
/// original <c>CombinePayload</c>.
/// </summary>
/// <remarks>
/// Lifted only when: the payload is a <c>CombinePayload</c> with an accumulator coder that exists; one input
/// with a KV coder and one output; an environment (the composite's, else the first SDK subtransform's); the
/// input's windowing is non-merging (global, fixed or sliding windows, merge status not NEEDS_MERGE), with the
/// END_OF_WINDOW output time and the default trigger. Otherwise the composite's subtransforms run instead.
/// Partial combining before the GroupByKey re-stamps elements, which is only invisible when pane timestamps are
/// END_OF_WINDOW, and an SDK cannot pre-combine windows it would have to merge later (the TypeScript SDK refuses both).
/// </remarks>
internal static class CombineLifter
{
    public static bool TryLift(PipelineGraph graph, string id, Proto.PTransform transform, out List<(string Id, Proto.PTransform Transform)> lifted, out string reason)
    {
        var parts = new List<(string Id, Proto.PTransform Transform)>();
        lifted = parts;
        reason = WhyNot(graph, id, transform, out var payload, out var environmentId) ?? "";
        if (reason.Length > 0 || payload is null)
        {
            return false;
        }

        var components = graph.Components;
        var inputId = transform.Inputs.Values.Single();
        var input = components.Pcollections[inputId];
        var output = components.Pcollections[transform.Outputs.Values.Single()];
        var keyCoderId = components.Coders[input.CoderId].ComponentCoderIds[0];
        var accumulatorCoderId = payload.AccumulatorCoderId;
        var keyedAccumulator = graph.Coders.Kv(keyCoderId, accumulatorCoderId);
        var keyedAccumulators = graph.Coders.Kv(keyCoderId, graph.Coders.Iterable(accumulatorCoderId));
        foreach (var (coderId, coder) in graph.Coders.All.Where(c => !components.Coders.ContainsKey(c.Key)).ToList())
        {
            components.Coders[coderId] = coder;
        }

        var precombined = ComponentIds.AddPCollection(components, id + "/Precombine.out", keyedAccumulator, input.WindowingStrategyId, input.IsBounded);
        var grouped = ComponentIds.AddPCollection(components, id + "/Group.out", keyedAccumulators, output.WindowingStrategyId, output.IsBounded);
        var merged = ComponentIds.AddPCollection(components, id + "/Merge.out", keyedAccumulator, output.WindowingStrategyId, output.IsBounded);

        Add(id + "/Precombine", Urns.Transforms.CombinePerKeyPrecombine, environmentId, transform.Inputs.ToDictionary(), new() { ["out"] = precombined });
        Add(id + "/Group", Urns.Transforms.GroupByKey, "", new() { ["in"] = precombined }, new() { ["out"] = grouped });
        Add(id + "/Merge", Urns.Transforms.CombinePerKeyMergeAccumulators, environmentId, new() { ["in"] = grouped }, new() { ["out"] = merged });
        Add(id + "/ExtractOutputs", Urns.Transforms.CombinePerKeyExtractOutputs, environmentId, new() { ["in"] = merged }, transform.Outputs.ToDictionary());
        return true;

        // The SDK parts (those with an environment) carry the CombinePayload; the GroupByKey part has none.
        void Add(string name, string urn, string environment, Dictionary<string, string> inputs, Dictionary<string, string> outputs)
        {
            var part = new Proto.PTransform
            {
                UniqueName = transform.UniqueName + name[id.Length..],
                Spec = new Proto.FunctionSpec { Urn = urn, Payload = environment.Length > 0 ? transform.Spec.Payload : Google.Protobuf.ByteString.Empty },
                EnvironmentId = environment,
            };
            part.Inputs.Add(inputs);
            part.Outputs.Add(outputs);
            part.Annotations.Add(transform.Annotations);
            var partId = ComponentIds.Fresh(components.Transforms, name);
            components.Transforms[partId] = part;
            parts.Add((partId, part));
        }
    }

    private static string? WhyNot(PipelineGraph graph, string id, Proto.PTransform transform, out Proto.CombinePayload? payload, out string environmentId)
    {
        payload = null;
        environmentId = "";
        var components = graph.Components;
        try
        {
            payload = Proto.CombinePayload.Parser.ParseFrom(transform.Spec.Payload);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            return "invalid CombinePayload: " + e.Message;
        }

        if (payload.AccumulatorCoderId.Length == 0 || !components.Coders.ContainsKey(payload.AccumulatorCoderId))
        {
            return $"accumulator coder '{payload.AccumulatorCoderId}' missing";
        }

        if (transform.Inputs.Count != 1 || transform.Outputs.Count != 1)
        {
            return "expects one input and one output";
        }

        if (!components.Pcollections.TryGetValue(transform.Inputs.Values.Single(), out var input)
            || !components.Pcollections.ContainsKey(transform.Outputs.Values.Single()))
        {
            return "input or output PCollection missing";
        }

        if (!components.Coders.TryGetValue(input.CoderId, out var inputCoder) || inputCoder.Spec?.Urn != Model.Urns.Coders.Kv || inputCoder.ComponentCoderIds.Count != 2)
        {
            return "input coder is not a KV coder";
        }

        if (!components.WindowingStrategies.TryGetValue(input.WindowingStrategyId, out var windowing))
        {
            return "input windowing strategy missing";
        }

        if (windowing.WindowFn?.Urn is not (Urns.WindowFns.GlobalWindows or Urns.WindowFns.FixedWindows or Urns.WindowFns.SlidingWindows)
            || windowing.MergeStatus == Proto.MergeStatus.Types.Enum.NeedsMerge)
        {
            return $"input windowing '{windowing.WindowFn?.Urn}' merges windows or is not a standard window fn";
        }

        if (windowing.OutputTime is not (Proto.OutputTime.Types.Enum.EndOfWindow or Proto.OutputTime.Types.Enum.Unspecified))
        {
            return $"output time {windowing.OutputTime} is not END_OF_WINDOW";
        }

        if (windowing.Trigger is { } trigger && trigger.TriggerCase is not (Proto.Trigger.TriggerOneofCase.Default or Proto.Trigger.TriggerOneofCase.None))
        {
            return $"trigger {trigger.TriggerCase} is not the default trigger";
        }

        environmentId = transform.EnvironmentId.Length > 0 ? transform.EnvironmentId : FirstSdkEnvironment(components, transform, 0);
        return environmentId.Length == 0 || !components.Environments.ContainsKey(environmentId)
            ? $"no environment for the combine '{id}'"
            : null;
    }

    private static string FirstSdkEnvironment(Proto.Components components, Proto.PTransform transform, int depth)
    {
        foreach (var child in transform.Subtransforms)
        {
            if (depth < 32 && components.Transforms.TryGetValue(child, out var sub))
            {
                var environment = sub.EnvironmentId.Length > 0 ? sub.EnvironmentId : FirstSdkEnvironment(components, sub, depth + 1);
                if (environment.Length > 0)
                {
                    return environment;
                }
            }
        }

        return "";
    }
}
