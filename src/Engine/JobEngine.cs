using BeamConformance.Engine.Internal;
using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Engine;

/// <summary>
/// The watermark-driven core of the ReferenceRunner for one job: holds every PCollection's pending elements,
/// computes watermarks, runs the runner-side stages (Impulse, Flatten, GroupByKey) and hands out bundles for
/// SDK stages. It sees ids and bytes only, never proto types.
/// </summary>
/// <remarks>
/// <para>Driving it: build a <see cref="StageGraph"/>, create the engine (Impulses emit at once), then loop
/// on <see cref="NextBundleAsync"/> (one loop per worker is fine): run each <see cref="Bundle"/> on an SDK and
/// report it with <see cref="CommitBundle"/> or <see cref="FailBundle"/>, until the answer is Done, Failed or Stuck.</para>
/// <para>Watermarks (all ms): a stage's input watermark is the min of its main inputs' watermarks; its output
/// watermark (the watermark of its output PCollections) is the min of its input watermark, the timestamps of
/// its pending and in-flight elements and its holds; under <see cref="ExecutionMode.Batch"/> it stays at the
/// minimum until that min reaches the maximum. Watermarks never go back. The job is done when every
/// output watermark is <see cref="BeamTime.MaxTimestampMillis"/> and nothing is pending or in flight.</para>
/// <para>Determinism: bundle contents and order depend only on the calls made (arrival order, stage order,
/// round-robin over stages); no hash order leaks out.</para>
/// <para>Thread-safety: every member may be called from any thread; calls are serialised by one lock.</para>
/// </remarks>
public sealed class JobEngine
{
    private readonly Lock _lock = new();
    private readonly EngineCore _core;
    private TaskCompletionSource _changed = NewSignal();
    private readonly TimeProvider _clock;
    private ITimer? _wakeup;
    private long _wakeupAt = long.MaxValue;

    // The longest wait (ms) of one wake-up timer: a System timer refuses a due time above 2^32 - 2 ms (about 49.7 days),
    // and a TimeSpan holds no more than about 29,000 years, while a processing-time timer or trigger may wait until
    // Beam's max timestamp.
    private const long MaxWakeupWaitMillis = uint.MaxValue - 1L;

    /// <summary>Creates the engine for a job; Impulse stages emit their element now.</summary>
    /// <param name="graph">The job's stages.</param>
    /// <param name="options">Settings, or null for <see cref="EngineOptions.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The max bundle size or max bundle attempts is below 1.</exception>
    public JobEngine(StageGraph graph, EngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= EngineOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBundleSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBundleAttempts, 1, nameof(options));
        _clock = options.TimeProvider;
        _core = new EngineCore(graph, options);
        lock (_lock)
        {
            ScheduleWakeup();
        }
    }

    /// <summary>The graph this engine runs.</summary>
    public StageGraph Graph => _core.Graph;

    /// <summary>Running, done or failed.</summary>
    public JobStatus Status { get { lock (_lock) { return _core.Status; } } }

    /// <summary>Why the job failed, or null.</summary>
    public string? FailureReason { get { lock (_lock) { return _core.FailureReason; } } }

    /// <summary>
    /// Cuts the next ready bundle, or says why there is none: <see cref="NextBundleKind.WaitForCommit"/>,
    /// <see cref="NextBundleKind.Done"/>, <see cref="NextBundleKind.Failed"/> or <see cref="NextBundleKind.Stuck"/> (with the dump).
    /// Never blocks.
    /// </summary>
    public NextBundle GetNextBundle()
    {
        lock (_lock)
        {
            return _core.NextBundle();
        }
    }

    /// <summary>Like <see cref="GetNextBundle"/>, but waits while the answer would be <see cref="NextBundleKind.WaitForCommit"/>.</summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<NextBundle> NextBundleAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                var next = _core.NextBundle();
                if (next.Kind != NextBundleKind.WaitForCommit)
                {
                    return next;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Applies a successful bundle atomically: its inputs stop holding the stage's watermark, its outputs
    /// go to their consumers (and side-input stores), and watermarks advance (GroupByKeys may fire). The engine
    /// keeps the output elements' memory: the runner must not reuse those buffers.
    /// </summary>
    /// <exception cref="ArgumentException">The bundle is not in flight, an output is not one of the stage's, or an element going to a GroupByKey has no key length. Nothing is applied.</exception>
    public void CommitBundle(BundleId bundle, BundleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Change(() => _core.Commit(bundle, result));
    }

    /// <summary>
    /// Re-reads the processing-time clock (<see cref="EngineOptions.TimeProvider"/>) and fires every processing-time
    /// trigger that is due (AfterProcessingTime, and AfterSynchronizedProcessingTime whose upstream is drained).
    /// A TestStream driver calls it after advancing its virtual clock; with any clock the engine also calls it itself
    /// through a <see cref="TimeProvider.CreateTimer"/> timer at the next due time.
    /// </summary>
    public void RefreshProcessingTime() => Change(() => _core.RefreshProcessingTime());

    /// <summary>
    /// Reports a failed bundle: its outputs are discarded. The job fails, unless <see cref="EngineOptions.MaxBundleAttempts"/>
    /// allows another attempt, in which case the same bundle is handed out again.
    /// </summary>
    /// <returns>True when the bundle will be run again; false when its failure failed the job (or the job had already ended).</returns>
    /// <exception cref="ArgumentException">The bundle is not in flight.</exception>
    public bool FailBundle(BundleId bundle, string reason)
    {
        var retried = false;
        Change(() => retried = _core.Fail(bundle, reason));
        return retried;
    }

    /// <summary>Fails the job (e.g. on cancellation); a no-op when it already ended.</summary>
    public void Cancel(string reason) => Change(() => _core.Fail(reason));

    /// <summary>Injects elements into the output of an <see cref="StageKind.ExternalInput"/> stage (TestStream ElementEvent).</summary>
    /// <exception cref="ArgumentException">The stage is unknown or not an external input, or an element has no key length while a GroupByKey reads the output. Nothing is added.</exception>
    /// <exception cref="InvalidOperationException">The job already ended (done or failed).</exception>
    public void AddElements(StageId externalInput, IEnumerable<Element> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var list = elements.ToList();
        Change(() =>
        {
            var stage = External(externalInput);
            var output = stage.Spec.Outputs[0];
            if (_core.RequiresKeys(output) && list.Exists(static e => !e.IsKeyed))
            {
                throw new ArgumentException($"external input '{externalInput}': an element without a key length was added to '{output}', which a GroupByKey reads", nameof(elements));
            }

            if (_core.Status != JobStatus.Running)
            {
                throw new InvalidOperationException($"external input '{externalInput}': the job already ended ({_core.Status}); no elements can be added");
            }

            _core.ReadClock();
            foreach (var element in list)
            {
                _core.Deliver(output, element);
            }

            _core.Refresh();
        });
    }

    /// <summary>Sets the watermark (ms) of an <see cref="StageKind.ExternalInput"/> stage (TestStream WatermarkEvent); <see cref="BeamTime.MaxTimestampMillis"/> ends it.</summary>
    /// <exception cref="ArgumentException">The stage is unknown or not an external input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The watermark would go back.</exception>
    public void AdvanceWatermark(StageId externalInput, long watermarkMillis) => Change(() =>
    {
        External(externalInput).Advance(watermarkMillis);
        _core.Refresh();
    });

    /// <summary>The watermark (ms) of a PCollection: its producing stage's output watermark.</summary>
    /// <exception cref="ArgumentException">The PCollection is not in the graph.</exception>
    public long Watermark(PCollectionId pcollection) { lock (_lock) { return _core.WatermarkOf(pcollection); } }

    /// <summary>A stage's input watermark (ms).</summary>
    /// <exception cref="ArgumentException">The stage is not in the graph.</exception>
    public long InputWatermark(StageId stage) { lock (_lock) { return _core.Stage(stage).InputWatermark; } }

    /// <summary>A stage's output watermark (ms).</summary>
    /// <exception cref="ArgumentException">The stage is not in the graph.</exception>
    public long OutputWatermark(StageId stage) { lock (_lock) { return _core.Stage(stage).OutputWatermark; } }

    /// <summary>Elements committed to a PCollection so far (by bundles, Impulse, Flatten, GroupByKey or injection).</summary>
    /// <exception cref="ArgumentException">The PCollection is not in the graph.</exception>
    public long CommittedElementCount(PCollectionId pcollection) { lock (_lock) { return _core.CommittedCount(pcollection); } }

    /// <summary>How many failed bundles were handed out again (<see cref="EngineOptions.MaxBundleAttempts"/>).</summary>
    public long RetriedBundleCount { get { lock (_lock) { return _core.RetriedBundles; } } }

    /// <summary>Elements a GroupByKey dropped as late (window past max timestamp + allowed lateness at arrival).</summary>
    /// <exception cref="ArgumentException">The stage is not a GroupByKey of the graph.</exception>
    public long DroppedLateElementCount(StageId groupByKey)
    {
        lock (_lock)
        {
            return _core.Stage(groupByKey) is AggregationRuntime aggregation
                ? aggregation.DroppedElements
                : throw new ArgumentException($"stage '{groupByKey}' is not a GroupByKey", nameof(groupByKey));
        }
    }

    /// <summary>
    /// Elements a GroupByKey or a stateful SDK stage dropped because their window had expired when they arrived (the
    /// sum of its <see cref="LateDataDrops"/> counts; Java's <c>droppedDueToLateness</c> and <c>StatefulParDoDropped</c>).
    /// Cheap: callable after every commit.
    /// </summary>
    /// <exception cref="ArgumentException">The stage is neither a GroupByKey nor an SDK stage of the graph.</exception>
    public long DroppedDueToLatenessCount(StageId stage)
    {
        lock (_lock)
        {
            return _core.Stage(stage) switch
            {
                AggregationRuntime aggregation => aggregation.DroppedDueToLateness,
                SdkStageRuntime sdk => sdk.DroppedDueToLateness,
                _ => throw new ArgumentException($"stage '{stage}' is neither a GroupByKey nor an SDK stage", nameof(stage)),
            };
        }
    }

    /// <summary>
    /// Every GroupByKey's and stateful SDK stage's elements dropped as late so far, one entry per stage and window (stages in
    /// topological order, windows in the order of their first drop); empty when nothing was dropped, which is
    /// always the case under <see cref="ExecutionMode.Batch"/>.
    /// </summary>
    public IReadOnlyList<LateDataDrop> LateDataDrops() { lock (_lock) { return _core.LateDataDrops().ToList(); } }

    /// <summary>
    /// The SDK stages whose committed output held an element behind every input element of its bundle (a ParDo
    /// moved timestamps back), the first such element per stage, in the order they were committed.
    /// </summary>
    public IReadOnlyList<TimestampRegression> TimestampRegressions() { lock (_lock) { return _core.TimestampRegressions.ToList(); } }

    /// <summary>The watermark semantics this engine runs with (<see cref="EngineOptions.Mode"/>).</summary>
    public ExecutionMode Mode => _core.Mode;

    /// <summary>A readable multi-line dump of every stage's watermarks, pending elements and holds.</summary>
    public string DumpState() { lock (_lock) { return _core.Dump("state dump (not an error by itself)"); } }

    /// <summary>Iterable side input: every element (its bytes as committed) of <paramref name="pcollection"/> in <paramref name="window"/>, in commit order.</summary>
    /// <exception cref="ArgumentException">No stage reads the PCollection as a side input.</exception>
    public IReadOnlyList<ReadOnlyMemory<byte>> GetIterableSideInput(PCollectionId pcollection, BoundedWindow window)
    {
        lock (_lock)
        {
            return _core.SideInputs.Get(pcollection, window)?.All() ?? [];
        }
    }

    /// <summary>Multimap side input: the value bytes of every element of <paramref name="pcollection"/> in <paramref name="window"/> whose key bytes equal <paramref name="keyBytes"/>.</summary>
    /// <exception cref="ArgumentException">No stage reads the PCollection as a side input.</exception>
    /// <exception cref="InvalidOperationException">An element of the side input has no key length.</exception>
    public IReadOnlyList<ReadOnlyMemory<byte>> GetMultimapSideInput(PCollectionId pcollection, BoundedWindow window, ReadOnlyMemory<byte> keyBytes)
    {
        lock (_lock)
        {
            return _core.SideInputs.Get(pcollection, window)?.ValuesOf(keyBytes, pcollection) ?? [];
        }
    }

    /// <summary>Multimap keys side input: the distinct key bytes of <paramref name="pcollection"/> in <paramref name="window"/>, in first-seen order.</summary>
    /// <exception cref="ArgumentException">No stage reads the PCollection as a side input.</exception>
    /// <exception cref="InvalidOperationException">An element of the side input has no key length.</exception>
    public IReadOnlyList<ReadOnlyMemory<byte>> GetMultimapKeysSideInput(PCollectionId pcollection, BoundedWindow window)
    {
        lock (_lock)
        {
            return _core.SideInputs.Get(pcollection, window)?.Keys(pcollection) ?? [];
        }
    }

    private ExternalInputRuntime External(StageId id) =>
        _core.Stage(id) as ExternalInputRuntime ?? throw new ArgumentException($"stage '{id}' is not an external input", nameof(id));

    private void Change(Action action)
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            action();
            signal = _changed;
            _changed = NewSignal();
            ScheduleWakeup();
        }

        signal.TrySetResult();
    }

    // One timer at the earliest processing time a trigger waits for; moved when an earlier one appears.
    private void ScheduleWakeup()
    {
        var next = _core.Status == JobStatus.Running ? _core.NextProcessingTimeWakeup : long.MaxValue;
        if (next == _wakeupAt)
        {
            return;
        }

        _wakeup?.Dispose();
        _wakeup = null;
        _wakeupAt = next;
        if (next == long.MaxValue)
        {
            return;
        }

        // A wake-up further ahead than a timer can wait is armed at that limit; when it fires early, OnWakeup's refresh
        // arms it again for the rest.
        var due = TimeSpan.FromMilliseconds(Math.Clamp(next - _clock.GetUtcNow().ToUnixTimeMilliseconds(), 0, MaxWakeupWaitMillis));
        _wakeup = _clock.CreateTimer(static self => ((JobEngine)self!).OnWakeup(), this, due, Timeout.InfiniteTimeSpan);
    }

    private void OnWakeup()
    {
        lock (_lock)
        {
            _wakeupAt = long.MaxValue;
        }

        RefreshProcessingTime();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
