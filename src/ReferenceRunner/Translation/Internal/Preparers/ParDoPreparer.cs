using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal.Preparers;

/// <summary>
/// <c>beam:transform:pardo:v1</c>, run by the SDK: its <c>ParDoPayload</c> names the side inputs (iterable and
/// multimap access patterns, read over the State API). User state, timers, splittable DoFns, bundle finalization,
/// time-sorted input and on-window-expiration are refused at Prepare until their own issues land.
/// </summary>
internal sealed class ParDoPreparer() : SdkTransformPreparer("ParDo", Model.Urns.Transforms.ParDo)
{
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SideInputs(string id, Proto.PTransform transform, List<ValidationProblem> problems)
    {
        var sides = new Dictionary<string, string>();
        try
        {
            foreach (var (local, side) in Proto.ParDoPayload.Parser.ParseFrom(transform.Spec.Payload).SideInputs)
            {
                sides[local] = side.AccessPattern?.Urn ?? "";
            }
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            problems.Add(new(id, "payload", Model.Urns.Transforms.ParDo, "invalid ParDoPayload: " + e.Message));
        }

        return sides;
    }

    /// <inheritdoc />
    public override void Check(PipelineGraph graph, Leaf leaf, List<ValidationProblem> problems)
    {
        base.Check(graph, leaf, problems);
        if (Parse(leaf.Transform) is not { } payload)
        {
            return; // PipelineGraph reported it.
        }

        foreach (var (stateId, spec) in payload.StateSpecs.OrderBy(static s => s.Key, StringComparer.Ordinal))
        {
            problems.Add(new(leaf.Id, "state spec", $"{stateId}: {spec.SpecCase}", "user state is not supported yet"));
        }

        foreach (var timerId in payload.TimerFamilySpecs.Keys.Order(StringComparer.Ordinal))
        {
            problems.Add(new(leaf.Id, "timer", timerId, "user timers are not supported yet"));
        }

        if (payload.RestrictionCoderId.Length > 0)
        {
            problems.Add(new(leaf.Id, "splittable DoFn", payload.RestrictionCoderId, "splittable DoFns are not supported yet"));
        }

        if (payload.RequestsFinalization)
        {
            problems.Add(new(leaf.Id, "bundle finalization", "requests_finalization", "bundle finalization is not supported yet"));
        }

        if (payload.RequiresTimeSortedInput)
        {
            problems.Add(new(leaf.Id, "time-sorted input", "requires_time_sorted_input", "time-sorted input is not supported yet"));
        }

        if (payload.OnWindowExpirationTimerFamilySpec.Length > 0)
        {
            problems.Add(new(leaf.Id, "timer", payload.OnWindowExpirationTimerFamilySpec, "on-window-expiration is not supported yet"));
        }

        foreach (var (local, pcollection, accessPattern) in leaf.SideInputs)
        {
            if (accessPattern is not (Model.Urns.SideInputs.Iterable or Model.Urns.SideInputs.Multimap))
            {
                problems.Add(new(leaf.Id, "side input access pattern", accessPattern, $"side input '{local}' uses an unsupported access pattern"));
            }
            else if (accessPattern == Model.Urns.SideInputs.Multimap
                && graph.Components.Pcollections.TryGetValue(pcollection, out var side)
                && graph.Coders.Contains(side.CoderId)
                && graph.Coders.UrnOf(side.CoderId) != Model.Urns.Coders.Kv)
            {
                problems.Add(new(leaf.Id, "coder", graph.Coders.UrnOf(side.CoderId), $"multimap side input '{local}' must read a PCollection with a beam:coder:kv:v1 coder"));
            }
        }
    }

    private static Proto.ParDoPayload? Parse(Proto.PTransform transform)
    {
        try
        {
            return Proto.ParDoPayload.Parser.ParseFrom(transform.Spec.Payload);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
