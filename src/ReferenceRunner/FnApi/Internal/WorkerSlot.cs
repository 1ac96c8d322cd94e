using System.Collections.Concurrent;
using BeamConformance.ReferenceRunner.Execution;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.FnApi.Internal;

/// <summary>
/// Everything the runner knows about one worker id: its control connection, its data stream, the
/// descriptors it may fetch, its bundles in flight and where its error logs go. Created when the runner
/// expects the worker or when any of the worker's streams arrives first.
/// </summary>
internal sealed class WorkerSlot(string workerId)
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _closing = new();
    private TaskCompletionSource<StreamSender<Elements>> _data = NewDataSignal();
    private StreamSender<Elements>? _currentData;
    private volatile IJobMessageSink? _messages;

    public string WorkerId { get; } = workerId;

    public ConcurrentDictionary<string, ProcessBundleDescriptor> Descriptors { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, BundleTracker> ActiveBundles { get; } = new(StringComparer.Ordinal);

    public TaskCompletionSource<WorkerConnection> Connected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cancelled when the runner is done with this worker: its streams end.</summary>
    public CancellationToken Closing => _closing.Token;

    public IJobMessageSink? Messages
    {
        get => _messages;
        set => _messages = value;
    }

    public void AttachData(StreamSender<Elements> sender)
    {
        lock (_lock)
        {
            _currentData = sender;
            if (!_data.TrySetResult(sender))
            {
                _data = new TaskCompletionSource<StreamSender<Elements>>(TaskCreationOptions.RunContinuationsAsynchronously);
                _data.SetResult(sender);
            }
        }
    }

    public void DetachData(StreamSender<Elements> sender)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_currentData, sender))
            {
                _currentData = null;
                _data = NewDataSignal();
            }
        }
    }

    /// <summary>The worker's data stream, once the worker has opened it.</summary>
    public Task<StreamSender<Elements>> DataStream
    {
        get
        {
            lock (_lock)
            {
                return _data.Task;
            }
        }
    }

    public void Close()
    {
        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        foreach (var bundle in ActiveBundles.Values)
        {
            bundle.Fail(new WorkerDisconnectedException(WorkerId, "the runner stopped using the worker"));
        }
    }

    private static TaskCompletionSource<StreamSender<Elements>> NewDataSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
