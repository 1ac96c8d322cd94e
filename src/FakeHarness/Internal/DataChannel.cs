using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>
/// One BeamFnData stream to a data endpoint, shared by every bundle of the worker. Incoming <c>Elements.Data</c>
/// are filed per (instruction id, transform id), <c>Elements.Timers</c> per (instruction id, transform id, timer family id), in unbounded inboxes (data may arrive before its ProcessBundle
/// request); an inbox completes at the entry with <c>is_last</c>. Outgoing writes are serialized.
/// </summary>
internal sealed class DataChannel : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Instruction, string Transform), Channel<Elements.Types.Data>> _inboxes = new();
    private readonly ConcurrentDictionary<(string Instruction, string Transform, string Family), Channel<Elements.Types.Timers>> _timerInboxes = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly AsyncDuplexStreamingCall<Elements, Elements> _call;
    private readonly Task _reader;
    private readonly string _url;
    private readonly CancellationToken _stop;
    private Exception? _failure;

    public DataChannel(CallInvoker invoker, Metadata headers, string url, CancellationToken stop)
    {
        _url = url;
        _stop = stop;
        _call = new BeamFnData.BeamFnDataClient(invoker).Data(new CallOptions(headers, cancellationToken: stop));
        _reader = Task.Run(ReadAsync, CancellationToken.None);
    }

    /// <summary>The inbox of one data source of one bundle.</summary>
    public ChannelReader<Elements.Types.Data> Inbox(string instructionId, string transformId) => InboxFor(instructionId, transformId).Reader;

    /// <summary>The inbox of one timer endpoint (transform, timer family) of one bundle; it completes at <c>is_last</c>.</summary>
    public ChannelReader<Elements.Types.Timers> TimerInbox(string instructionId, string transformId, string familyId) => TimerInboxFor(instructionId, transformId, familyId).Reader;

    /// <summary>Forgets the inboxes of a finished bundle.</summary>
    public void Forget(string instructionId)
    {
        foreach (var key in _inboxes.Keys)
        {
            if (key.Instruction == instructionId)
            {
                _inboxes.TryRemove(key, out _);
            }
        }

        foreach (var key in _timerInboxes.Keys)
        {
            if (key.Instruction == instructionId)
            {
                _timerInboxes.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Sends one Elements message.</summary>
    /// <exception cref="HarnessException">The data stream failed.</exception>
    public async Task SendAsync(Elements elements, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _call.RequestStream.WriteAsync(elements, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or IOException or InvalidOperationException)
        {
            throw new HarnessException($"the data stream to {_url} failed: {e.Message}", inner: e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or IOException or InvalidOperationException or OperationCanceledException)
        {
        }

        await _reader.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _call.Dispose();
        _writeLock.Dispose();
    }

    private Channel<Elements.Types.Data> InboxFor(string instructionId, string transformId)
    {
        var inbox = _inboxes.GetOrAdd((instructionId, transformId), static _ => Channel.CreateUnbounded<Elements.Types.Data>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true }));
        if (_failure is { } failure)
        {
            inbox.Writer.TryComplete(failure);
        }

        return inbox;
    }

    private Channel<Elements.Types.Timers> TimerInboxFor(string instructionId, string transformId, string familyId)
    {
        var inbox = _timerInboxes.GetOrAdd((instructionId, transformId, familyId), static _ => Channel.CreateUnbounded<Elements.Types.Timers>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true }));
        if (_failure is { } failure)
        {
            inbox.Writer.TryComplete(failure);
        }

        return inbox;
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(_stop).ConfigureAwait(false))
            {
                foreach (var data in _call.ResponseStream.Current.Data)
                {
                    var inbox = InboxFor(data.InstructionId, data.TransformId);
                    inbox.Writer.TryWrite(data);
                    if (data.IsLast)
                    {
                        inbox.Writer.TryComplete();
                    }
                }

                foreach (var timers in _call.ResponseStream.Current.Timers)
                {
                    var inbox = TimerInboxFor(timers.InstructionId, timers.TransformId, timers.TimerFamilyId);
                    inbox.Writer.TryWrite(timers);
                    if (timers.IsLast)
                    {
                        inbox.Writer.TryComplete();
                    }
                }
            }

            Fail(new HarnessException($"the runner closed the data stream to {_url}"));
        }
        catch (Exception e)
        {
            Fail(new HarnessException($"the data stream to {_url} failed: {e.Message}", inner: e));
        }
    }

    private void Fail(Exception failure)
    {
        _failure = failure;
        foreach (var inbox in _inboxes.Values)
        {
            inbox.Writer.TryComplete(failure);
        }

        foreach (var inbox in _timerInboxes.Values)
        {
            inbox.Writer.TryComplete(failure);
        }
    }
}
