using BeamConformance.Engine;
using BeamConformance.Model;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>The execution mode of one job and why it was chosen.</summary>
/// <param name="Mode">Batch or streaming.</param>
/// <param name="Reason">Why, in words a user reads in the job's messages.</param>
internal sealed record ExecutionModeChoice(ExecutionMode Mode, string Reason)
{
    /// <summary>
    /// Streaming when the runner forces it, or the pipeline has a TestStream or an UNBOUNDED PCollection (the
    /// first by id is named); batch when forced, or every PCollection is BOUNDED (UNSPECIFIED counts as BOUNDED:
    /// the pipeline did not say it is unbounded, and Beam's SDKs always set the field).
    /// </summary>
    public static ExecutionModeChoice For(Pipeline pipeline, ExecutionMode? forced)
    {
        if (forced is { } mode)
        {
            return new(mode, $"forced by the runner's execution mode option (--execution-mode {Name(mode)})");
        }

        var testStream = pipeline.Components.Transforms
            .Where(static t => t.Value.Spec?.Urn == Urns.Transforms.TestStream)
            .Select(static t => t.Key)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        if (testStream is not null)
        {
            return new(ExecutionMode.Streaming, $"transform '{testStream}' is a TestStream");
        }

        var unbounded = pipeline.Components.Pcollections
            .Where(static p => p.Value.IsBounded == IsBounded.Types.Enum.Unbounded)
            .Select(static p => p.Key)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        return unbounded is not null
            ? new(ExecutionMode.Streaming, $"PCollection '{unbounded}' is UNBOUNDED")
            : new(ExecutionMode.Batch, "every PCollection of the pipeline is BOUNDED");
    }

    /// <summary>The mode's name as the command line writes it: <c>batch</c> or <c>streaming</c>.</summary>
    public static string Name(ExecutionMode mode) => mode == ExecutionMode.Batch ? "batch" : "streaming";

    /// <summary>The job message: "execution mode: batch (every PCollection of the pipeline is BOUNDED)".</summary>
    public override string ToString() => $"execution mode: {Name(Mode)} ({Reason})";
}
