using BeamConformance.ReferenceRunner.FnApi;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>
/// Split mode <see cref="SplitMode.OnStalledProgress"/> for one bundle (Prism's progress loop): every
/// <see cref="Interval"/> while the bundle runs, a ProcessBundleProgressRequest; the data input's read index
/// (<c>beam:metric:data_channel:read_index:v1</c>, label PTRANSFORM) of two answers in a row being equal means the bundle
/// is stalled, and one <see cref="ChannelSplitRequest"/> at fraction 0.5 (no retries: an empty answer is "no split")
/// is asked. At most one split per bundle (its residual is a new bundle, which may be split in turn); an error answer
/// to a progress request, or no read index in it, stops the loop without a split. The split request is not cancelled
/// by the bundle's end: its answer is awaited, so a split the SDK applied is never lost.
/// </summary>
internal sealed class ProgressSplitLoop(
    WorkerConnection connection, string jobId, string instructionId, string transformId, int elementCount, TimeProvider jobTimeProvider, ILogger logger)
{
    /// <summary>How often progress is asked (Prism's 100 ms ticker).</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The fraction of the remainder asked of a stalled bundle (Prism's).</summary>
    public const double Fraction = 0.5;

    /// <summary>The split asked, or null when none was.</summary>
    public ChannelSplitRequest? Split { get; private set; }

    /// <summary>Runs until the bundle ends (<paramref name="bundleRunning"/> cancelled) or a split was asked.</summary>
    /// <exception cref="InvalidSplitException">The SDK's split answer is inconsistent.</exception>
    /// <exception cref="OperationCanceledException">The job was cancelled.</exception>
    public async Task RunAsync(CancellationToken bundleRunning, CancellationToken job)
    {
        long? previous = null;
        try
        {
            while (true)
            {
                await Task.Delay(Interval, jobTimeProvider, bundleRunning).ConfigureAwait(false);
                var response = await connection.SendInstructionAsync(
                    new InstructionRequest { ProcessBundleProgress = new ProcessBundleProgressRequest { InstructionId = instructionId } }, bundleRunning).ConfigureAwait(false);
                if (!string.IsNullOrEmpty(response.Error) || response.ProcessBundleProgress is null)
                {
                    return;
                }

                var infos = await connection.ResolveMonitoringInfosAsync(
                    response.ProcessBundleProgress.MonitoringInfos, response.ProcessBundleProgress.MonitoringData, bundleRunning).ConfigureAwait(false);
                if (ReadIndex(infos) is not { } index)
                {
                    return;
                }

                if (index == previous)
                {
                    Split = new ChannelSplitRequest(connection, jobId, instructionId, transformId, elementCount, Fraction, jobTimeProvider, logger, retryEmpty: false);
                    await Split.AskAsync(static () => false, job).ConfigureAwait(false);
                    return;
                }

                previous = index;
            }
        }
        catch (OperationCanceledException) when (bundleRunning.IsCancellationRequested && !job.IsCancellationRequested)
        {
            // The bundle ended before it stalled.
        }
    }

    private long? ReadIndex(IEnumerable<MonitoringInfo> infos)
    {
        foreach (var info in infos)
        {
            if (info.Urn == Model.Urns.MonitoringInfos.DataChannelReadIndex
                && info.Labels.TryGetValue("PTRANSFORM", out var transform) && transform == transformId)
            {
                try
                {
                    var reader = new Model.Coders.CoderReader(info.Payload.ToByteArray());
                    return reader.ReadVarInt64(Model.Urns.Coders.VarInt);
                }
                catch (Model.Coders.CoderException)
                {
                    return null;
                }
            }
        }

        return null;
    }
}
