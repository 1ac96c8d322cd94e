using System.Collections.Concurrent;

namespace BeamConformance.FakeHarness;

/// <summary>
/// Records the Fn API traffic the harness sees, filed per scenario run id (the <c>"run"</c> key of the payloads
/// inside each ProcessBundleDescriptor): descriptors, data elements as bytes, state requests and responses,
/// timers both ways as bytes, and instructions. A worker's instructions are filed under every run whose descriptor it has received. Thread-safe.
/// </summary>
public sealed class ProtocolRecorder
{
    private readonly ConcurrentDictionary<string, RunLog> _runs = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>The run ids with something recorded.</summary>
    public IReadOnlyCollection<string> RunIds => _runs.Keys.ToArray();

    /// <summary>A snapshot of what was recorded for <paramref name="runId"/> (empty lists when nothing was).</summary>
    /// <param name="runId">The run id.</param>
    /// <returns>The snapshot.</returns>
    public ProtocolRecording Get(string runId)
    {
        if (!_runs.TryGetValue(runId, out var log))
        {
            return ProtocolRecording.Empty;
        }

        lock (log)
        {
            return new ProtocolRecording(log.Descriptors.ToArray(), log.Data.ToArray(), log.StateRequests.ToArray(), log.Instructions.ToArray())
            {
                Timers = log.Timers.ToArray(),
                BundleEvents = log.BundleEvents.ToArray(),
            };
        }
    }

    /// <summary>Forgets what was recorded for <paramref name="runId"/>.</summary>
    /// <param name="runId">The run id.</param>
    public void Remove(string runId) => _runs.TryRemove(runId, out _);

    /// <summary>The next position in the order of everything recorded (instruction arrivals, bundle events).</summary>
    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    internal void AddDescriptor(string runId, RecordedBundleDescriptor descriptor) => With(runId, log => log.Descriptors.Add(descriptor));

    internal void AddData(string runId, RecordedDataElement element) => With(runId, log => log.Data.Add(element));

    internal void AddStateRequest(string runId, RecordedStateRequest request) => With(runId, log => log.StateRequests.Add(request));

    internal void AddInstruction(string runId, RecordedInstruction instruction) => With(runId, log => log.Instructions.Add(instruction));

    internal void AddTimer(string runId, RecordedTimer timer) => With(runId, log => log.Timers.Add(timer));

    internal void AddBundleEvent(string runId, RecordedBundleEvent bundleEvent) => With(runId, log => log.BundleEvents.Add(bundleEvent));

    private void With(string runId, Action<RunLog> add)
    {
        var log = _runs.GetOrAdd(runId ?? string.Empty, static _ => new RunLog());
        lock (log)
        {
            add(log);
        }
    }

    private sealed class RunLog
    {
        public List<RecordedBundleDescriptor> Descriptors { get; } = [];

        public List<RecordedDataElement> Data { get; } = [];

        public List<RecordedStateRequest> StateRequests { get; } = [];

        public List<RecordedInstruction> Instructions { get; } = [];

        public List<RecordedTimer> Timers { get; } = [];

        public List<RecordedBundleEvent> BundleEvents { get; } = [];
    }
}
