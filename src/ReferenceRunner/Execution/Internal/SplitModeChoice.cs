using BeamConformance.Model;
using Google.Protobuf.WellKnownTypes;
using Org.Apache.Beam.Model.JobManagement.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>
/// A job's split mode: the pipeline option <c>split_mode</c> (<see cref="BeamNames.PipelineOptions.SplitMode"/>, how an
/// SDK sends <c>--split_mode=...</c>) when set, else the runner's <see cref="ExecutionOptions.SplitMode"/>. A job that
/// splits says so in its first messages.
/// </summary>
internal static class SplitModeChoice
{
    /// <exception cref="JobFailedException">The option is not a string or not a split mode (through <paramref name="fail"/>).</exception>
    public static SplitMode For(SplitMode runnerDefault, Struct? pipelineOptions, IJobMessageSink messages, Func<string, Exception?, JobFailedException> fail)
    {
        var mode = runnerDefault;
        var source = "the runner's --split-mode";
        if (pipelineOptions?.Fields.TryGetValue(BeamNames.PipelineOptions.SplitMode, out var value) == true && value.KindCase != Value.KindOneofCase.NullValue)
        {
            try
            {
                mode = value.KindCase == Value.KindOneofCase.StringValue
                    ? SplitMode.Parse(value.StringValue)
                    : throw new FormatException($"split mode must be a string, got a {value.KindCase}");
                source = "the pipeline option split_mode";
            }
            catch (FormatException e)
            {
                throw fail($"pipeline option '{BeamNames.PipelineOptions.SplitMode}': {e.Message}", e);
            }
        }

        if (mode != SplitMode.None)
        {
            messages.Post(JobMessage.Types.MessageImportance.JobMessageBasic, mode is SplitMode.OnStalledProgress
                ? $"split mode {mode} (from {source}): a bundle of two or more elements whose read index stalls between two progress reports is split at 0.5"
                : $"split mode {mode} (from {source}): every bundle of two or more elements is split before its data is sent");
        }

        return mode;
    }
}
