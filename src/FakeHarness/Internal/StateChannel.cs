using System.Collections.Concurrent;
using System.Globalization;
using Grpc.Core;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>
/// One BeamFnState stream to a state endpoint, shared by the worker's bundles: requests carry unique ids and
/// their responses are matched back by id.
/// </summary>
internal sealed class StateChannel : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StateResponse>> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly AsyncDuplexStreamingCall<StateRequest, StateResponse> _call;
    private readonly Task _reader;
    private readonly string _url;
    private readonly CancellationToken _stop;
    private long _nextId;
    private Exception? _failure;

    public StateChannel(CallInvoker invoker, Metadata headers, string url, CancellationToken stop)
    {
        _url = url;
        _stop = stop;
        _call = new BeamFnState.BeamFnStateClient(invoker).State(new CallOptions(headers, cancellationToken: stop));
        _reader = Task.Run(ReadAsync, CancellationToken.None);
    }

    /// <summary>Sends <paramref name="request"/> (its id is assigned here) and awaits the response with the same id.</summary>
    /// <exception cref="HarnessException">The state stream failed.</exception>
    public async Task<StateResponse> SendAsync(StateRequest request, CancellationToken cancellationToken)
    {
        request.Id = "s" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var answer = new TaskCompletionSource<StateResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[request.Id] = answer;
        if (_failure is { } failure)
        {
            _pending.TryRemove(request.Id, out _);
            throw failure;
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _call.RequestStream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or IOException or InvalidOperationException)
        {
            _pending.TryRemove(request.Id, out _);
            throw new HarnessException($"the state stream to {_url} failed: {e.Message}", inner: e);
        }
        finally
        {
            _writeLock.Release();
        }

        return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
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

    private async Task ReadAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(_stop).ConfigureAwait(false))
            {
                var response = _call.ResponseStream.Current;
                if (_pending.TryRemove(response.Id, out var answer))
                {
                    answer.TrySetResult(response);
                }
            }

            Fail(new HarnessException($"the runner closed the state stream to {_url}"));
        }
        catch (Exception e)
        {
            Fail(new HarnessException($"the state stream to {_url} failed: {e.Message}", inner: e));
        }
    }

    private void Fail(Exception failure)
    {
        _failure = failure;
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var answer))
            {
                answer.TrySetException(failure);
            }
        }
    }
}
