using BeamConformance.ReferenceRunner.FnApi;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>
/// Split mode <see cref="SplitMode.OnStalledProgress"/> for one bundle (Prism's progress loop): every
/// <see cref="Interval"/> while the bundle runs, a ProcessBundleProgressRequest, read with <see cref="BundleProgress"/>.
/// The bundle is stalled when two answers in a row report the same read index of the data input
/// (<c>beam:metric:data_channel:read_index:v1</c>) and, on a splittable DoFn's stage, the same work completed by its
/// Process transform (<c>beam:metric:ptransform_progress:completed:v1</c>) with some work remaining
/// (<c>remaining:v1</c> above 0). A stalled bundle is asked a <see cref="ChannelSplitRequest"/> at fraction 0.5 (no
/// retries: an empty answer is "no split").
/// <list type="bullet">
/// <item>An ordinary stage's bundle is split at most once (its residual is a new bundle, which may be split in turn).</item>
/// <item>A splittable DoFn's bundle is split again at every later stalled answer, each time of what the SDK kept (the
/// estimate of input elements becomes the last split's first residual element, as Prism updates it), until the SDK
/// answers "no split" or the bundle ends: a long restriction is split inside its element as often as it stalls.</item>
/// </list>
/// An error answer to a progress request stops the loop. An answer without a read index (an SDK that has not started
/// the bundle yet, or has finished it, answers with no MonitoringInfos) is no reading: the loop polls on, and a stall
/// is only ever two readings in a row, however slowly the SDK starts. A split request is not cancelled by the bundle's
/// end: its answer is awaited, so a split the SDK applied is never lost.
/// </summary>
internal sealed class ProgressSplitLoop(
    WorkerConnection connection,
    string jobId,
    string instructionId,
    string transformId,
    int elementCount,
    BundleProgress progress,
    TimeProvider jobTimeProvider,
    ILogger logger,
    SplittableBundle? splittable = null)
{
    private readonly List<ChannelSplitRequest> _splits = [];

    /// <summary>How often progress is asked (Prism's 100 ms ticker).</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The fraction of the remainder asked of a stalled bundle (Prism's).</summary>
    public const double Fraction = 0.5;

    /// <summary>The splits asked, in order (the last one may be "no split").</summary>
    public IReadOnlyList<ChannelSplitRequest> Splits => _splits;

    /// <summary>The first element the SDK will not process after all splits (the least first residual element), or null.</summary>
    public int? FirstResidualElement => _splits.Select(static s => s.FirstResidualElement).Where(static f => f is not null).Min();

    /// <summary>The residual roots of the element splits, in the order answered.</summary>
    public IEnumerable<Engine.ResidualRoot> ResidualRoots => _splits.Select(static s => s.ResidualRoot).OfType<Engine.ResidualRoot>();

    /// <summary>Runs until the bundle ends (<paramref name="bundleRunning"/> cancelled) or no more splits are asked.</summary>
    /// <exception cref="InvalidSplitException">The SDK's split answer is inconsistent.</exception>
    /// <exception cref="OperationCanceledException">The job was cancelled.</exception>
    public async Task RunAsync(CancellationToken bundleRunning, CancellationToken job)
    {
        (long? Index, double? Completed)? previous = null;
        var estimate = elementCount;
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
                var answer = progress.Read(infos);
                if (answer.ReadIndex is not { } index)
                {
                    // No reading: the SDK has not started the bundle yet (or has just finished it), as Python's SDK
                    // harness answers then. Poll on; a stall needs two readings in a row, whenever they come.
                    previous = null;
                    continue;
                }

                var completed = splittable is null ? null : answer.CompletedOf(splittable.Root.TransformId);
                var stalled = previous is { } p && p.Index == index && p.Completed == completed
                    && (splittable is null || answer.RemainingOf(splittable.Root.TransformId) is > 0);
                previous = (index, completed);
                if (!stalled)
                {
                    continue;
                }

                var split = new ChannelSplitRequest(connection, jobId, instructionId, transformId, estimate, Fraction, jobTimeProvider, logger, retryEmpty: false, splittable);
                _splits.Add(split);
                await split.AskAsync(static () => false, job).ConfigureAwait(false);
                if (splittable is null || split.FirstResidualElement is not { } first)
                {
                    return;
                }

                estimate = first;
            }
        }
        catch (OperationCanceledException) when (bundleRunning.IsCancellationRequested && !job.IsCancellationRequested)
        {
            // The bundle ended before it stalled (again).
        }
    }
}
