using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Internal;

/// <summary>
/// The single-threaded heart of <see cref="JobEngine"/> (which serialises calls with a lock): stage states,
/// element delivery, watermark refresh, bundle cutting and the stuck dump.
/// </summary>
internal sealed partial class EngineCore
{
    private readonly StageRuntime[] _stages;
    private readonly Dictionary<StageId, StageRuntime> _byId = [];
    private readonly Dictionary<PCollectionId, StageRuntime> _producers = [];
    private readonly Dictionary<PCollectionId, List<(StageRuntime Stage, int Input)>> _consumers = [];
    private readonly Dictionary<PCollectionId, long> _committed = [];
    private readonly Dictionary<BundleId, SdkStageRuntime> _inFlight = [];
    private readonly HashSet<PCollectionId> _keyedOnly = [];
    private readonly SideInputStore _sideInputs = new();
    private readonly EngineOptions _options;
    private readonly List<TimestampRegression> _regressions = [];
    private readonly HashSet<StageId> _regressed = [];
    private long _lastBundleId;
    private int _nextStage;

    public EngineCore(StageGraph graph, EngineOptions options)
    {
        Graph = graph;
        _options = options;
        _stages = graph.Stages.Select(s => CreateRuntime(s, options.Mode)).ToArray();
        foreach (var stage in _stages)
        {
            _byId.Add(stage.Id, stage);
            foreach (var output in stage.Spec.Outputs)
            {
                _producers.Add(output, stage);
                _consumers.Add(output, []);
                _committed.Add(output, 0);
            }
        }

        foreach (var stage in _stages)
        {
            for (var i = 0; i < stage.Spec.Inputs.Count; i++)
            {
                _consumers[stage.Spec.Inputs[i]].Add((stage, i));
            }

            foreach (var side in stage.Spec.SideInputs)
            {
                _sideInputs.Track(side.PCollection);
            }
        }

        // A PCollection must hold keyed elements when a GroupByKey reads it, directly or through runner-side Flattens.
        foreach (var stage in _stages.Reverse())
        {
            var needsKeys = stage is AggregationRuntime || (stage is FlattenRuntime && _keyedOnly.Contains(stage.Spec.Outputs[0]));
            if (needsKeys)
            {
                _keyedOnly.UnionWith(stage.Spec.Inputs);
            }
        }

        foreach (var impulse in _stages.OfType<ImpulseRuntime>())
        {
            impulse.Emit(this);
        }

        Refresh();
    }

    public StageGraph Graph { get; }

    /// <summary>The job's processing time (ms since the epoch) as last read from <see cref="EngineOptions.TimeProvider"/>.</summary>
    public long ProcessingTimeMillis { get; private set; }

    /// <summary>The earliest processing time (ms) at which some trigger may become ready, or <see cref="long.MaxValue"/>.</summary>
    public long NextProcessingTimeWakeup
    {
        get
        {
            var min = long.MaxValue;
            foreach (var stage in _stages)
            {
                if (stage is AggregationRuntime aggregation)
                {
                    min = Math.Min(min, aggregation.NextProcessingTimeWakeup);
                }
                else if (stage is SdkStageRuntime sdk)
                {
                    min = Math.Min(min, Math.Min(sdk.ProcessingTimeWakeup(ProcessingTimeMillis), sdk.NextResumeMillis));
                }
            }

            return min;
        }
    }

    /// <summary>True when the job has an external input (TestStream): its quiescence is the driver's cue, not a wait.</summary>
    public bool HasExternalInput => _stages.Any(static s => s is ExternalInputRuntime);

    /// <summary>Re-reads the processing-time clock and refreshes (firing every processing-time trigger that is due).</summary>
    public void RefreshProcessingTime() => Refresh();

    public ExecutionMode Mode => _options.Mode;

    /// <summary>The first timestamp regression of each SDK stage that had one, in the order they happened.</summary>
    public IReadOnlyList<TimestampRegression> TimestampRegressions => _regressions;

    /// <summary>Every GroupByKey's and stateful SDK stage's late drops, stages in topological order, windows in the order of their first drop.</summary>
    public IEnumerable<LateDataDrop> LateDataDrops() => _stages.SelectMany(static s => s switch
    {
        AggregationRuntime a => a.LateDrops,
        SdkStageRuntime sdk => sdk.LateDrops,
        _ => [],
    });

    public JobStatus Status { get; private set; }

    public string? FailureReason { get; private set; }

    public int InFlightCount => _inFlight.Count;

    /// <summary>Failed bundles that were handed out again.</summary>
    public long RetriedBundles { get; private set; }

    public StageRuntime Stage(StageId id) =>
        _byId.TryGetValue(id, out var stage) ? stage : throw new ArgumentException($"stage '{id}' is not in the graph", nameof(id));

    public long WatermarkOf(PCollectionId pcollection) => Producer(pcollection).OutputWatermark;

    public long CommittedCount(PCollectionId pcollection) => _committed.TryGetValue(pcollection, out var n) ? n : throw UnknownPCollection(pcollection);

    public SideInputStore SideInputs => _sideInputs;

    public bool SideInputComplete(PCollectionId pcollection) => WatermarkOf(pcollection) >= BeamTime.MaxTimestampMillis;

    public bool SideInputsReady(StageSpec stage, BoundedWindow mainWindow)
    {
        foreach (var side in stage.SideInputs)
        {
            var watermark = WatermarkOf(side.PCollection);
            // A triggered side input's window is ready once its first pane fired (README "Triggered side inputs").
            var ready = side.WindowMapping is { } map
                ? watermark > map(mainWindow).MaxTimestampMillis || watermark >= BeamTime.MaxTimestampMillis || _sideInputs.HasFiredPane(side.PCollection, map(mainWindow))
                : watermark >= BeamTime.MaxTimestampMillis;
            if (!ready)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An element is committed to <paramref name="pcollection"/>: count it, store it for side inputs, hand it to consumers.</summary>
    public void Deliver(PCollectionId pcollection, Element element)
    {
        _committed[pcollection]++;
        _sideInputs.Add(pcollection, element);
        foreach (var (stage, input) in _consumers[pcollection])
        {
            stage.Accept(input, element, this);
        }
    }

    /// <summary>Recomputes every watermark in topological order, firing aggregations on the way.</summary>
    /// <summary>Reads the processing-time clock (once per commit, injection and refresh; it never goes back).</summary>
    public void ReadClock()
    {
        var now = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        if (now > ProcessingTimeMillis)
        {
            ProcessingTimeMillis = now;
        }
    }

    public void Refresh()
    {
        ReadClock();

        foreach (var stage in _stages)
        {
            UpdateSynchronizedProcessingTime(stage);
            stage.OnInputProcessed(this);
            var upstream = stage.UpstreamWatermark(this);
            if (upstream > stage.InputWatermark)
            {
                stage.InputWatermark = upstream;
            }

            stage.OnRefresh(this);
            var output = Math.Min(stage.InputWatermark, Math.Min(stage.PendingMin, stage.Holds.Min));
            if (_options.Mode == ExecutionMode.Batch && output < BeamTime.MaxTimestampMillis)
            {
                // Batch: the output stays at the minimum until the stage has finished all its input.
                output = BeamTime.MinTimestampMillis;
            }

            if (output > stage.OutputWatermark)
            {
                stage.OutputWatermark = output;
            }
        }

        if (Status == JobStatus.Running && _inFlight.Count == 0 && _stages.All(static s => s.OutputWatermark >= BeamTime.MaxTimestampMillis && s.PendingCount == 0))
        {
            Status = JobStatus.Done;
        }
    }

    // A root stage's synchronized processing time is the processing time; any other's is the least of its inputs'
    // producers', held where it was while the stage itself has elements to process.
    private void UpdateSynchronizedProcessingTime(StageRuntime stage)
    {
        var upstream = ProcessingTimeMillis;
        foreach (var input in stage.Spec.Inputs)
        {
            upstream = Math.Min(upstream, Producer(input).SynchronizedProcessingTime);
        }

        if (stage.PendingCount > 0 && stage is not AggregationRuntime && stage.SynchronizedProcessingTime != long.MinValue)
        {
            return;
        }

        if (upstream > stage.SynchronizedProcessingTime)
        {
            stage.SynchronizedProcessingTime = upstream;
        }
    }

    /// <summary>True when a GroupByKey reads <paramref name="pcollection"/>, directly or through runner-side Flattens.</summary>
    public bool RequiresKeys(PCollectionId pcollection) => _keyedOnly.Contains(pcollection);

    public NextBundle NextBundle()
    {
        switch (Status)
        {
            case JobStatus.Failed:
                return new NextBundle(NextBundleKind.Failed, null, FailureReason);
            case JobStatus.Done:
                return new NextBundle(NextBundleKind.Done, null, null);
        }

        // Round-robin over the stages in topological order, starting after the last stage served.
        for (var i = 0; i < _stages.Length; i++)
        {
            var index = (_nextStage + i) % _stages.Length;
            if (_stages[index] is SdkStageRuntime sdk)
            {
                var bundle = sdk.TryCut(new BundleId(_lastBundleId + 1), _options.MaxBundleSize, this);
                if (bundle is not null)
                {
                    _lastBundleId++;
                    _inFlight.Add(bundle.Id, sdk);
                    _nextStage = (index + 1) % _stages.Length;
                    return new NextBundle(NextBundleKind.Ready, bundle, null);
                }
            }
        }

        // A processing-time trigger waiting for the real clock is work to come; under TestStream the driver moves the clock.
        return _inFlight.Count > 0 || (NextProcessingTimeWakeup != long.MaxValue && !HasExternalInput)
            ? new NextBundle(NextBundleKind.WaitForCommit, null, null)
            : new NextBundle(NextBundleKind.Stuck, null, Dump("the job is stuck: no bundle is in flight, none is ready, and not every watermark has reached MAX_TIMESTAMP"));
    }

    public void Commit(BundleId id, BundleResult result)
    {
        ReadClock();
        var stage = TakeInFlight(id);
        foreach (var (pcollection, elements) in result.Outputs)
        {
            if (!stage.Spec.Outputs.Contains(pcollection))
            {
                throw new ArgumentException($"bundle {id} of stage '{stage.Id}' committed output to '{pcollection}', which is not an output of that stage (outputs: {string.Join(", ", stage.Spec.Outputs)})", nameof(result));
            }

            if (RequiresKeys(pcollection) && elements.Any(static e => !e.IsKeyed))
            {
                throw new ArgumentException($"bundle {id} of stage '{stage.Id}' committed an element without a key length to '{pcollection}', which a GroupByKey reads (directly or through a Flatten)", nameof(result));
            }
        }

        CheckResiduals(stage, id, result);
        _inFlight.Remove(id);
        if (Status == JobStatus.Failed)
        {
            return;
        }

        CheckTimestamps(stage, id, result);
        var (now, later) = SplitByDelay(result.ResidualRoots);
        stage.Complete(id, result.FirstResidualElements, now);
        stage.Delay(later);
        if (result.Timers is { } timers)
        {
            stage.ApplyTimers(timers);
        }
        foreach (var output in stage.Spec.Outputs)
        {
            if (result.Outputs.TryGetValue(output, out var elements))
            {
                foreach (var element in elements)
                {
                    Deliver(output, element);
                }
            }
        }

        Refresh();
    }

    public bool Fail(BundleId id, string reason)
    {
        var stage = TakeInFlight(id);
        var attempt = stage.AttemptOf(id);
        _inFlight.Remove(id);
        if (Status == JobStatus.Running && attempt < _options.MaxBundleAttempts)
        {
            stage.Requeue(id);
            RetriedBundles++;
            return true;
        }

        Fail(_options.MaxBundleAttempts == 1
            ? $"bundle {id} of stage '{stage.Id}' failed: {reason}"
            : $"bundle {id} of stage '{stage.Id}' failed on attempt {attempt} of {_options.MaxBundleAttempts}: {reason}");
        return false;
    }

    public void Fail(string reason)
    {
        if (Status == JobStatus.Running)
        {
            Status = JobStatus.Failed;
            FailureReason = reason;
        }
    }

    // Records the first output of the stage that is behind every input element of its bundle.
    private void CheckTimestamps(SdkStageRuntime stage, BundleId id, BundleResult result)
    {
        if (_regressed.Contains(stage.Id))
        {
            return;
        }

        var inputMin = stage.InputTimestampMin(id);
        if (inputMin == long.MaxValue)
        {
            return; // A bundle for timers only: its outputs carry the timers' output timestamps, held by the engine.
        }

        foreach (var output in stage.Spec.Outputs)
        {
            if (!result.Outputs.TryGetValue(output, out var elements))
            {
                continue;
            }

            foreach (var element in elements)
            {
                if (element.TimestampMillis < inputMin)
                {
                    _regressed.Add(stage.Id);
                    _regressions.Add(new TimestampRegression(stage.Id, output, inputMin, element.TimestampMillis));
                    return;
                }
            }
        }
    }

    private SdkStageRuntime TakeInFlight(BundleId id) =>
        _inFlight.TryGetValue(id, out var stage) ? stage : throw new ArgumentException($"bundle {id} is not in flight (never handed out, or already committed or failed)", nameof(id));

    private StageRuntime Producer(PCollectionId pcollection) =>
        _producers.TryGetValue(pcollection, out var stage) ? stage : throw UnknownPCollection(pcollection);

    private static ArgumentException UnknownPCollection(PCollectionId pcollection) => new($"PCollection '{pcollection}' is not in the graph", nameof(pcollection));

    private static StageRuntime CreateRuntime(StageSpec spec, ExecutionMode mode) => spec.Kind switch
    {
        StageKind.Sdk => new SdkStageRuntime(spec, mode),
        StageKind.Impulse => new ImpulseRuntime(spec),
        StageKind.Flatten => new FlattenRuntime(spec),
        StageKind.GroupByKey => new AggregationRuntime(spec, mode),
        StageKind.ExternalInput => new ExternalInputRuntime(spec),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "unknown stage kind"),
    };
}
