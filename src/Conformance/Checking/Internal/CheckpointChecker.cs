using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Checking.Internal;

/// <summary>
/// The <c>checkpoints</c> protocol check (<c>beam_fn_api.proto</c> <c>ProcessBundleResponse.residual_roots</c>,
/// <c>DelayedBundleApplication.requested_time_delay</c>): the delays asked, in order, and that each deferred restriction
/// was processed again (not lost) and not before its delay had passed since the response that deferred it (in a drained
/// job, at any time: drain does not wait for self-checkpoints).
/// </summary>
internal static class CheckpointChecker
{
    /// <summary>Every violation, one line each.</summary>
    public static List<string> Problems(IReadOnlyList<(string Kind, long From, long To, long DelayMillis, long AtMillis)> events, ProtocolCheck.Checkpoints check)
    {
        var problems = new List<string>();
        var delays = events.Where(static e => e.Kind == "checkpoint").Select(static e => e.DelayMillis).ToList();
        if (!delays.SequenceEqual(check.DelaysMillis))
        {
            problems.Add($"checkpoints delays_ms: expected [{string.Join(", ", check.DelaysMillis)}], actual [{string.Join(", ", delays)}]");
        }

        if (!check.Resumed)
        {
            return problems;
        }

        for (var i = 0; i < events.Count; i++)
        {
            var (kind, from, to, delay, at) = events[i];
            if (kind != "checkpoint")
            {
                continue;
            }

            var resumed = events.Skip(i + 1).FirstOrDefault(e => e.Kind == "restriction" && e.From == from && e.To == to);
            if (resumed.Kind is null)
            {
                problems.Add($"checkpoints: the residual [{from}, {to}) deferred for {delay} ms was never processed again (lost)");
            }
            else if (!check.Drained && resumed.AtMillis - at < delay)
            {
                problems.Add($"checkpoints: the residual [{from}, {to}) resumed {resumed.AtMillis - at} ms after it was deferred, before its requested delay of {delay} ms");
            }
        }

        return problems;
    }
}
