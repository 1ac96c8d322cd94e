using BeamConformance.Model.Coders;
using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal.Preparers;

/// <summary>
/// Prepare's checks of one <c>TimerFamilySpec</c>: an event- or processing-time domain, and a timer coder
/// (<c>beam:coder:timer:v1</c>, <c>standard_coders.yaml</c>) whose components are the main input's key coder and its
/// windowing strategy's window coder (compared by encoding), so that the runner can read and write the timers' key and
/// window bytes exactly as the SDK does.
/// </summary>
internal static class TimerFamilyCheck
{
    public static void Check(PipelineGraph graph, Leaf leaf, string timerId, Proto.TimerFamilySpec spec, List<ValidationProblem> problems)
    {
        if (spec.TimeDomain is not (Proto.TimeDomain.Types.Enum.EventTime or Proto.TimeDomain.Types.Enum.ProcessingTime))
        {
            problems.Add(new(leaf.Id, "timer time domain", spec.TimeDomain.ToString(),
                $"timer family '{timerId}' has time domain {spec.TimeDomain}; this runner serves EVENT_TIME and PROCESSING_TIME timers"));
        }

        var coderId = spec.TimerFamilyCoderId;
        if (coderId.Length == 0)
        {
            problems.Add(new(leaf.Id, "timer coder", timerId, $"timer family '{timerId}' names no timer coder (timer_family_coder_id is empty)"));
            return;
        }

        if (!graph.Coders.Contains(coderId))
        {
            problems.Add(new(leaf.Id, "dangling reference", coderId, $"timer family '{timerId}' names coder '{coderId}', which is not in the pipeline's coders"));
            return;
        }

        var coder = graph.Coders[coderId];
        if (graph.Coders.UrnOf(coderId) != Model.Urns.Coders.Timer || coder.ComponentCoderIds.Count != 2)
        {
            problems.Add(new(leaf.Id, "timer coder", graph.Coders.UrnOf(coderId),
                $"timer family '{timerId}' coder '{coderId}' must be {Model.Urns.Coders.Timer} with two components (key coder, window coder)"));
            return;
        }

        if (leaf.MainInputs.Count != 1 || !graph.Components.Pcollections.TryGetValue(leaf.MainInputs[0], out var input)
            || !graph.Coders.Contains(input.CoderId) || graph.Coders.UrnOf(input.CoderId) != Model.Urns.Coders.Kv
            || !graph.Components.WindowingStrategies.TryGetValue(input.WindowingStrategyId, out var windowing))
        {
            return; // The input's own problems are reported elsewhere.
        }

        var keyCoderId = graph.Coders[input.CoderId].ComponentCoderIds[0];
        if (!SameCoder(graph, coder.ComponentCoderIds[0], keyCoderId))
        {
            problems.Add(new(leaf.Id, "timer coder", coderId,
                $"timer family '{timerId}' coder '{coderId}' has key coder '{coder.ComponentCoderIds[0]}'; it must be the input's key coder '{keyCoderId}'"));
        }

        if (!SameCoder(graph, coder.ComponentCoderIds[1], windowing.WindowCoderId))
        {
            problems.Add(new(leaf.Id, "timer coder", coderId,
                $"timer family '{timerId}' coder '{coderId}' has window coder '{coder.ComponentCoderIds[1]}'; it must be the input's window coder '{windowing.WindowCoderId}'"));
        }

        try
        {
            if (graph.Coders.ModelCoder(coderId) is TimerCoder { KeyCoder: OpaqueCoder })
            {
                problems.Add(new(leaf.Id, "timer coder", coderId,
                    $"timer family '{timerId}' coder '{coderId}' has a key coder the runner cannot decode ({graph.Coders.UrnOf(keyCoderId)}): timer keys must use a model coder"));
            }
        }
        catch (Exception e) when (e is CoderException or KeyNotFoundException)
        {
            problems.Add(new(leaf.Id, "timer coder", coderId, $"timer family '{timerId}' coder '{coderId}' is invalid: {e.Message}"));
        }
    }

    private static bool SameCoder(PipelineGraph graph, string a, string b) =>
        a == b || (graph.Coders.Contains(a) && graph.Coders.Contains(b) && graph.Coders.Shape(a) == graph.Coders.Shape(b));
}
