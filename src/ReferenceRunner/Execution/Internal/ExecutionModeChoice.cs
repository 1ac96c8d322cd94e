using BeamConformance.Engine;
using BeamConformance.Model;
using Google.Protobuf.WellKnownTypes;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>The execution mode of one job and why it was chosen.</summary>
/// <param name="Mode">Batch or streaming.</param>
/// <param name="Reason">Why, in words a user reads in the job's messages.</param>
internal sealed record ExecutionModeChoice(ExecutionMode Mode, string Reason)
{
    /// <summary>The portable pipeline option Beam's SDKs send for <c>--streaming</c> (StandardOptions / StreamingOptions).</summary>
    public const string StreamingOption = BeamNames.PipelineOptions.Streaming;

    /// <summary>
    /// In this order: the mode the runner forces; streaming when the pipeline has a TestStream or an UNBOUNDED
    /// PCollection (the first by id is named), or when the job's pipeline options set <c>streaming</c> to true
    /// (<see cref="StreamingOption"/>, Beam's <c>--streaming</c>); otherwise batch: every PCollection is BOUNDED
    /// (UNSPECIFIED counts as BOUNDED: the pipeline did not say it is unbounded, and Beam's SDKs set the field).
    /// </summary>
    public static ExecutionModeChoice For(Pipeline pipeline, ExecutionMode? forced, Struct? pipelineOptions = null)
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
        if (unbounded is not null)
        {
            return new(ExecutionMode.Streaming, $"PCollection '{unbounded}' is UNBOUNDED");
        }

        return pipelineOptions?.Fields.TryGetValue(StreamingOption, out var streaming) == true && streaming.KindCase == Value.KindOneofCase.BoolValue && streaming.BoolValue
            ? new(ExecutionMode.Streaming, $"the pipeline option {StreamingOption} is true")
            : new(ExecutionMode.Batch, "every PCollection of the pipeline is BOUNDED");
    }

    /// <summary>The mode's name as the command line writes it: <c>batch</c> or <c>streaming</c>.</summary>
    public static string Name(ExecutionMode mode) => mode == ExecutionMode.Batch ? "batch" : "streaming";

    /// <summary>The job message: "execution mode: batch (every PCollection of the pipeline is BOUNDED)".</summary>
    public override string ToString() => $"execution mode: {Name(Mode)} ({Reason})";
}
