using BeamConformance.Engine;
using BeamConformance.ReferenceRunner.Translation;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>
/// The residual roots of a splittable DoFn's <c>ProcessBundleResponse</c> (<c>beam_fn_api.proto</c>
/// <c>ProcessBundleResponse.residual_roots</c>, <c>DelayedBundleApplication</c>): what the SDK deferred, by
/// self-checkpointing (or after a split), each rescheduled on the Process stage after its <c>requested_time_delay</c>
/// (processing time of the job's clock) and holding the output watermark at its lowest <c>output_watermarks</c> entry
/// (else its timestamp) until it runs. Each is checked as an element split's residual is
/// (<see cref="ElementSplitRoots.Decode"/>): the Process transform, its main input, one decodable windowed value; a
/// negative delay is an error. A bundle of an ordinary stage (no splittable DoFn) may not answer residual roots.
/// </summary>
internal static class CheckpointRoots
{
    /// <summary>The engine's residual roots, each with its delay (ms).</summary>
    /// <exception cref="InvalidSplitException">A root is inconsistent (names the instruction and the field).</exception>
    public static IReadOnlyList<ResidualRoot> Read(ProcessBundleResponse response, ExecutableStagePlan stage, string instructionId)
    {
        if (response.ResidualRoots.Count == 0)
        {
            return [];
        }

        InvalidSplitException Inconsistent(string what) => new($"ProcessBundleResponse for instruction '{instructionId}' is inconsistent: {what}");
        if (stage.Splittable is not { } splittable || stage.Inputs.Count != 1)
        {
            throw Inconsistent($"residual_roots ({response.ResidualRoots.Count}) are deferred work of a splittable DoFn, but stage '{stage.StageId}' has none");
        }

        var roots = new List<ResidualRoot>();
        for (var i = 0; i < response.ResidualRoots.Count; i++)
        {
            var field = $"residual_roots[{i}]";
            var delayed = response.ResidualRoots[i];
            var application = delayed.Application ?? throw Inconsistent($"{field}.application is missing");
            var element = ElementSplitRoots.Decode(application, field + ".application", splittable, stage.Inputs[0], Inconsistent);
            var delay = delayed.RequestedTimeDelay is { } d ? (d.Seconds * 1000) + (d.Nanos / 1_000_000) : 0;
            if (delay < 0)
            {
                throw Inconsistent($"{field}.requested_time_delay is negative ({delay} ms)");
            }

            var hold = ElementSplitRoots.Hold(application, element, field + ".application", splittable, Inconsistent);
            roots.Add(new ResidualRoot(stage.Inputs[0].PCollection, element, hold) { DelayMillis = delay });
        }

        return roots;
    }
}
