using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.FnApi.Internal;

/// <summary>
/// One ProcessBundle instruction in flight on a worker: collects the data the SDK sends to the bundle's
/// data sinks and the timers it sends on the bundle's timer endpoints until each has sent <c>is_last</c>, and serves
/// the bundle's state requests.
/// </summary>
internal sealed class BundleTracker
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<ReadOnlyMemory<byte>>> _outputs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _open;
    private readonly TaskCompletionSource _sinksDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly Dictionary<(string, string), List<ReadOnlyMemory<byte>>> _timers = [];
    private readonly HashSet<(string, string)> _openTimers = [];

    public BundleTracker(string instructionId, IEnumerable<string> sinkTransformIds, IBundleStateSource? stateSource, IEnumerable<(string TransformId, string FamilyId)>? timerEndpoints = null)
    {
        InstructionId = instructionId;
        StateSource = stateSource;
        _open = new HashSet<string>(sinkTransformIds, StringComparer.Ordinal);
        foreach (var sink in _open)
        {
            _outputs[sink] = [];
        }

        foreach (var endpoint in timerEndpoints ?? [])
        {
            _timers[endpoint] = [];
            _openTimers.Add(endpoint);
        }

        if (_open.Count == 0 && _openTimers.Count == 0)
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
                CompleteIfDone();
            }
        }
    }

    public void OnTimers(Elements.Types.Timers timers)
    {
        lock (_lock)
        {
            var endpoint = (timers.TransformId, timers.TimerFamilyId);
            if (!_timers.TryGetValue(endpoint, out var chunks))
            {
                Fail(new InvalidOperationException(
                    $"the SDK sent timers for transform '{timers.TransformId}' family '{timers.TimerFamilyId}' of instruction '{InstructionId}', which is not a timer family of its descriptor (families: {(_timers.Count == 0 ? "none" : string.Join(", ", _timers.Keys.Select(static k => k.Item1 + "/" + k.Item2)))})"));
                return;
            }

            if (!_openTimers.Contains(endpoint))
            {
                Fail(new InvalidOperationException(
                    $"the SDK sent timers for transform '{timers.TransformId}' family '{timers.TimerFamilyId}' of instruction '{InstructionId}' after that endpoint's is_last"));
                return;
            }

            if (!timers.Timers_.IsEmpty)
            {
                chunks.Add(timers.Timers_.Memory);
            }

            if (timers.IsLast)
            {
                _openTimers.Remove(endpoint);
                CompleteIfDone();
            }
        }
    }

    /// <summary>The timers received per timer endpoint (transform id, family id), in arrival order.</summary>
    public IReadOnlyDictionary<(string TransformId, string TimerFamilyId), IReadOnlyList<ReadOnlyMemory<byte>>> Timers()
    {
        lock (_lock)
        {
            return _timers.ToDictionary(static p => p.Key, static p => (IReadOnlyList<ReadOnlyMemory<byte>>)p.Value.ToArray());
        }
    }

    private void CompleteIfDone()
    {
        if (_open.Count == 0 && _openTimers.Count == 0)
        {
            _sinksDone.TrySetResult();
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
