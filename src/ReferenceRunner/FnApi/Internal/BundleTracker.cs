using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.FnApi.Internal;

/// <summary>
/// One ProcessBundle instruction in flight on a worker: collects the data the SDK sends to the bundle's
/// data sinks until every sink has sent <c>is_last</c>, and serves the bundle's state requests.
/// </summary>
internal sealed class BundleTracker
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<ReadOnlyMemory<byte>>> _outputs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _open;
    private readonly TaskCompletionSource _sinksDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BundleTracker(string instructionId, IEnumerable<string> sinkTransformIds, IBundleStateSource? stateSource)
    {
        InstructionId = instructionId;
        StateSource = stateSource;
        _open = new HashSet<string>(sinkTransformIds, StringComparer.Ordinal);
        foreach (var sink in _open)
        {
            _outputs[sink] = [];
        }

        if (_open.Count == 0)
        {
            _sinksDone.TrySetResult();
        }
    }

    public string InstructionId { get; }

    public IBundleStateSource? StateSource { get; }

    /// <summary>Completes when every sink has sent is_last; faults when the bundle's data is broken or the worker left.</summary>
    public Task SinksDone => _sinksDone.Task;

    public void OnData(Elements.Types.Data data)
    {
        lock (_lock)
        {
            if (!_outputs.TryGetValue(data.TransformId, out var chunks))
            {
                Fail(new InvalidOperationException(
                    $"the SDK sent data for transform '{data.TransformId}' of instruction '{InstructionId}', which is not a data sink of its descriptor (sinks: {string.Join(", ", _outputs.Keys)})"));
                return;
            }

            if (!_open.Contains(data.TransformId))
            {
                Fail(new InvalidOperationException(
                    $"the SDK sent data for sink '{data.TransformId}' of instruction '{InstructionId}' after that sink's is_last"));
                return;
            }

            if (!data.Data_.IsEmpty)
            {
                chunks.Add(data.Data_.Memory);
            }

            if (data.IsLast)
            {
                _open.Remove(data.TransformId);
                if (_open.Count == 0)
                {
                    _sinksDone.TrySetResult();
                }
            }
        }
    }

    public void OnTimers(Elements.Types.Timers timers)
    {
        if (!timers.Timers_.IsEmpty)
        {
            Fail(new InvalidOperationException(
                $"the SDK sent timers for transform '{timers.TransformId}' family '{timers.TimerFamilyId}' of instruction '{InstructionId}'; this runner does not support timers yet"));
        }
    }

    public void Fail(Exception error) => _sinksDone.TrySetException(error);

    /// <summary>The first state request the runner rejected (the bundle's failure reason), or null.</summary>
    public string? Rejection { get; private set; }

    /// <summary>A state request broke the contract: the bundle fails with <paramref name="reason"/>.</summary>
    public void Reject(string reason)
    {
        lock (_lock)
        {
            Rejection ??= reason;
        }

        Fail(new InvalidOperationException(reason));
    }

    /// <summary>The data received per sink transform id, in arrival order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ReadOnlyMemory<byte>>> Outputs()
    {
        lock (_lock)
        {
            return _outputs.ToDictionary(static p => p.Key, static p => (IReadOnlyList<ReadOnlyMemory<byte>>)p.Value.ToArray(), StringComparer.Ordinal);
        }
    }
}
