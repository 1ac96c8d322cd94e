using BeamConformance.FakeHarness.Internal.Operators;
using BeamConformance.Model.Coders;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>
/// Runs one ProcessBundleRequest: instantiates the stage's operators, reads every data source to its end, finishes
/// the operators producers-first (data sinks send <c>is_last</c>), and answers with element counts. Any failure ends
/// the bundle with an error and discards its captures.
/// </summary>
internal sealed class BundleRunner
{
    private readonly WorkerSession _session;
    private readonly string _instructionId;
    private readonly ProcessBundleRequest _request;
    private readonly MonitoringInfoIds _monitoring;
    private readonly TaskCompletionSource<IReadOnlyList<DataSourceOperator>> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<OutputPort> _ports = [];
    private IReadOnlyList<DataSourceOperator> _sources = [];
    private BundleContext? _context;

    public BundleRunner(WorkerSession session, StagePlan plan, string instructionId, ProcessBundleRequest request, MonitoringInfoIds monitoring)
    {
        _session = session;
        Plan = plan;
        _instructionId = instructionId;
        _request = request;
        _monitoring = monitoring;
    }

    public StagePlan Plan { get; }

    /// <summary>The bundle's data inputs once its operators exist and its inputs are started (none when it failed
    /// before); completes before any element is read, so that a split asked right after the ProcessBundleRequest
    /// sees the bundle at its start.</summary>
    public Task<IReadOnlyList<DataSourceOperator>> Started => _started.Task;

    public async Task<BundleResult> RunAsync(CancellationToken cancellationToken)
    {
        var context = _context = new BundleContext(_session, Plan, _instructionId, _request, cancellationToken);
        try
        {
            var (operators, ports) = Plan.Instantiate(context);
            _ports = ports;
            var sources = operators.OfType<DataSourceOperator>().ToArray();
            _sources = sources;
            foreach (var source in sources)
            {
                // A splittable consumer reading the source straight away may split its current element.
                source.Split.Element = operators.OfType<Splits.IElementSplitter>()
                    .FirstOrDefault(e => ((Operator)e).Node.MainInputs.SequenceEqual(source.Node.Transform.Outputs.Values));
                source.Split.Start();
            }

            _started.TrySetResult(sources);
            foreach (var source in sources)
            {
                await source.RunAsync().ConfigureAwait(false);
            }

            foreach (var op in operators)
            {
                await op.FinishAsync().ConfigureAwait(false);
            }

            var finalizations = context.Finalizations;
            var response = new ProcessBundleResponse { RequiresFinalization = finalizations.Count > 0 };
            var checkpoints = context.Checkpoints;
            response.ResidualRoots.AddRange(checkpoints.Select(static c => c.Root));
            _monitoring.Fill(Counts(), response.MonitoringInfos, response.MonitoringData);
            return new BundleResult(response, null, context.Captures, []) { Finalizations = finalizations, Checkpoints = [.. checkpoints.Select(static c => c.Record)] };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker is stopping (the runner stopped it, e.g. on cancel): not a failure of the pipeline.
            return new BundleResult(null, "the bundle was abandoned: the worker is stopping", [], []);
        }
        catch (Exception e) when (e is HarnessException or CoderException or InvalidOperationException or KeyNotFoundException)
        {
            return Failed(e);
        }
        finally
        {
            _started.TrySetResult([]);
        }
    }

    /// <summary>
    /// The bundle's progress: element counts per PCollection; per data input, its read index
    /// (<c>beam:metric:data_channel:read_index:v1</c>, label PTRANSFORM: the index of the element being processed); and
    /// for a splittable DoFn's Process transform processing an element, its work completed and remaining
    /// (<c>beam:metric:ptransform_progress:completed:v1</c> / <c>remaining:v1</c>, the restriction tracker's progress),
    /// as Beam's SDK harnesses report an SDF's progress (Python <c>SdfProcessSizedElements.monitoring_infos</c>).
    /// </summary>
    public (ProcessBundleProgressResponse Response, RecordedProgress Recorded) Progress()
    {
        var response = new ProcessBundleProgressResponse();
        _monitoring.Fill(Counts(), response.MonitoringInfos, response.MonitoringData);
        var sources = _sources;
        foreach (var source in sources)
        {
            response.MonitoringInfos.Add(MonitoringInfoIds.ReadIndex(source.Node.Id, source.Split.Index));
        }

        string? workTransform = null;
        (double Completed, double Remaining)? work = null;
        foreach (var element in sources.Select(static s => s.Split.Element).OfType<Splits.IElementSplitter>())
        {
            if (element.CurrentWork() is { } w)
            {
                workTransform = ((Operator)element).Node.Id;
                work = w;
                response.MonitoringInfos.Add(MonitoringInfoIds.Work(Model.Urns.MonitoringInfos.WorkCompleted, workTransform, w.Completed));
                response.MonitoringInfos.Add(MonitoringInfoIds.Work(Model.Urns.MonitoringInfos.WorkRemaining, workTransform, w.Remaining));
                break;
            }
        }

        if (Plan.Misanswers.Count > 0)
        {
            Faults.Misanswer.Progress(Plan.Misanswers, response, sources.Count > 0 ? sources[0].Node.Id : null);
        }

        var recorded = new RecordedProgress(
            sources.Count == 1 ? sources[0].Split.Index : null, workTransform, work is { } c ? [c.Completed] : [], work is { } r ? [r.Remaining] : []);
        return (response, recorded);
    }

    /// <summary>A ProcessBundleSplitRequest for this bundle was answered: wakes transforms waiting for one.</summary>
    public void OnSplitAsked() => _context?.OnSplitAsked();

    public void ReleaseChannels()
    {
        foreach (var source in Plan.Nodes.Where(n => n.IsSource))
        {
            var url = Org.Apache.Beam.Model.FnExecution.V1.RemoteGrpcPort.Parser.ParseFrom(source.Transform.Spec.Payload).ApiServiceDescriptor?.Url;
            if (!string.IsNullOrEmpty(url))
            {
                _session.GetDataChannel(url).Forget(_instructionId);
            }
        }
    }

    private IEnumerable<(string, long)> Counts() => _ports.Select(p => (p.PCollectionId, p.Count)).ToArray();

    private BundleResult Failed(Exception e)
    {
        var transform = (e as HarnessException)?.Transform ?? string.Empty;
        var message = $"FakeHarness bundle {_instructionId} failed: {e.Message}";
        return new BundleResult(null, message, [], [new CaptureFailure(Plan.RunId, transform, message, _instructionId)]);
    }
}
