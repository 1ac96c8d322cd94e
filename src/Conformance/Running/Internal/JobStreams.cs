using BeamConformance.Conformance.Scenarios;
using Grpc.Core;
using Org.Apache.Beam.Model.JobManagement.V1;
using JobState = BeamConformance.Conformance.Scenarios.JobState;

namespace BeamConformance.Conformance.Running.Internal;

/// <summary>
/// Records a job's GetStateStream and GetMessageStream (beam_job_api.proto) from right after Run until each
/// stream ends (a terminal state) or is stopped.
/// </summary>
internal sealed class JobStreams : IAsyncDisposable
{
    private readonly List<JobState> _states = [];
    private readonly List<JobMessagesResponse> _messages = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _stateTask;
    private readonly Task _messageTask;

    public JobStreams(JobService.JobServiceClient client, string jobId)
    {
        _stateTask = Task.Run(() => ReadAsync(client.GetStateStream(new GetJobStateRequest { JobId = jobId }, new CallOptions(cancellationToken: _stop.Token)),
            e => { if (StatusNames.Of(e.State) is { } s) { lock (_states) { _states.Add(s); } } }));
        _messageTask = Task.Run(() => ReadAsync(client.GetMessageStream(new JobMessagesRequest { JobId = jobId }, new CallOptions(cancellationToken: _stop.Token)),
            m => { lock (_messages) { _messages.Add(m); } }));
    }

    /// <summary>Problems reading the streams (other than being stopped).</summary>
    public List<string> Errors { get; } = [];

    public IReadOnlyList<JobState> States { get { lock (_states) { return [.. _states]; } } }

    public IReadOnlyList<JobMessagesResponse> Messages { get { lock (_messages) { return [.. _messages]; } } }

    /// <summary>The message texts, e.g. <c>JOB_MESSAGE_ERROR: text</c>.</summary>
    public IReadOnlyList<string> MessageTexts =>
        [.. Messages.Where(m => m.MessageResponse is not null).Select(m => $"{m.MessageResponse.Importance}: {m.MessageResponse.MessageText}")];

    /// <summary>The texts of the JOB_MESSAGE_WARNING messages, in order.</summary>
    public IReadOnlyList<string> WarningTexts =>
        [.. Messages.Where(static m => m.MessageResponse?.Importance == JobMessage.Types.MessageImportance.JobMessageWarning).Select(static m => m.MessageResponse.MessageText)];

    /// <summary>The states carried by the message stream, in order.</summary>
    public IReadOnlyList<JobState> MessageStates =>
        [.. Messages.Where(m => m.StateResponse is not null).Select(m => StatusNames.Of(m.StateResponse.State)).OfType<JobState>()];

    /// <summary>Waits until both streams have ended, or <paramref name="timeout"/> passed; true when they ended.</summary>
    public async Task<bool> WaitEndedAsync(TimeSpan timeout)
    {
        var both = Task.WhenAll(_stateTask, _messageTask);
        return await Task.WhenAny(both, Task.Delay(timeout)).ConfigureAwait(false) == both;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_stateTask, _messageTask).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A stream that ignores cancellation is left behind; the run's verdict does not depend on it.
        }

        _stop.Dispose();
    }

    private async Task ReadAsync<T>(AsyncServerStreamingCall<T> call, Action<T> record)
    {
        using (call)
        {
            try
            {
                while (await call.ResponseStream.MoveNext(_stop.Token).ConfigureAwait(false))
                {
                    record(call.ResponseStream.Current);
                }
            }
            catch (Exception e) when (_stop.IsCancellationRequested && e is OperationCanceledException or RpcException)
            {
                // Stopped by us.
            }
            catch (RpcException e)
            {
                lock (Errors)
                {
                    Errors.Add($"{typeof(T).Name} stream ended with {StatusNames.Of(e.StatusCode)}: {e.Status.Detail}");
                }
            }
        }
    }
}
