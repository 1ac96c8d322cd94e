using BeamConformance.Model;
using Google.Protobuf.WellKnownTypes;

namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>
/// The pipeline option <c>drain</c> (<see cref="BeamNames.PipelineOptions.Drain"/>, how an SDK sends <c>--drain</c>):
/// a bool; true runs the job drained (src/ReferenceRunner/README.md, "Drain"). Absent or null: not drained.
/// </summary>
public static class DrainOption
{
    /// <summary>True when <paramref name="pipelineOptions"/> set <c>drain</c> to true.</summary>
    public static bool IsSet(Struct? pipelineOptions) =>
        pipelineOptions?.Fields.TryGetValue(BeamNames.PipelineOptions.Drain, out var value) == true
        && value.KindCase == Value.KindOneofCase.BoolValue && value.BoolValue;

    /// <summary>The problem of a <c>drain</c> option that is neither a bool nor null (Prepare refuses it), else null.</summary>
    public static ValidationProblem? Problem(Struct? pipelineOptions) =>
        pipelineOptions?.Fields.TryGetValue(BeamNames.PipelineOptions.Drain, out var value) == true
        && value.KindCase is not (Value.KindOneofCase.BoolValue or Value.KindOneofCase.NullValue)
            ? new ValidationProblem("pipeline_options", "drain", BeamNames.PipelineOptions.Drain, $"the pipeline option must be a bool, got a {value.KindCase}")
            : null;
}
