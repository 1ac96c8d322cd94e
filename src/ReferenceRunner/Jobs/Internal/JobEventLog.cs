using Google.Protobuf.WellKnownTypes;
using BeamConformance.ReferenceRunner.Execution;
using Org.Apache.Beam.Model.JobManagement.V1;

namespace BeamConformance.ReferenceRunner.Jobs.Internal;

/// <summary>
/// One job's ordered history of state changes and messages (JobMessagesResponse of
/// <c>beam_job_api.proto</c>), read by GetState, GetStateStream and GetMessageStream. Streams replay the
/// history from the start and then follow it; the log is closed by the first terminal state.
/// Thread-safe.
/// </summary>
internal sealed class JobEventLog : IJobMessageSink
{
    private readonly object _gate = new();
    private readonly List<JobMessagesResponse> _events = [];
    private readonly TimeProvider _time;
    private TaskCompletionSource _changed = NewSignal();
    private long _nextMessageId;

    public JobEventLog(TimeProvider time, JobState.Types.Enum initial)
    {
        _time = time;
        State = initial;
        _events.Add(new JobMessagesResponse { StateResponse = NewStateEvent(initial) });
    }

    /// <summary>Raised once, outside the log's lock, when the job enters a terminal state.</summary>
    public event Action? Ended;

    /// <summary>The current state.</summary>
    public JobState.Types.Enum State { get; private set; }

    /// <summary>The event of the current state (state and the time it was entered).</summary>
    public JobStateEvent CurrentStateEvent
    {
        get
        {
            lock (_gate)
            {
                return _events.Last(e => e.ResponseCase == JobMessagesResponse.ResponseOneofCase.StateResponse).StateResponse.Clone();
            }
        }
    }

    /// <summary>True when an ERROR message with exactly this text was already posted.</summary>
    public bool HasError(string text)
    {
        lock (_gate)
        {
            return _events.Any(e => e.ResponseCase == JobMessagesResponse.ResponseOneofCase.MessageResponse
                && e.MessageResponse.Importance == JobMessage.Types.MessageImportance.JobMessageError
                && e.MessageResponse.MessageText == text);
        }
    }

    /// <summary>True once a terminal state was recorded.</summary>
    public bool IsTerminal
    {
        get
        {
            lock (_gate)
            {
                return JobStates.IsTerminal(State);
            }
        }
    }

    /// <inheritdoc />
    public void Post(JobMessage.Types.MessageImportance importance, string text)
    {
        lock (_gate)
        {
            var message = new JobMessage
            {
                MessageId = (++_nextMessageId).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Time = _time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                Importance = importance,
                MessageText = text,
            };
            AppendLocked(new JobMessagesResponse { MessageResponse = message });
        }
    }

    /// <summary>Moves to <paramref name="next"/> when the current state is one of <paramref name="from"/>.</summary>
    /// <returns>True if the state changed.</returns>
    public bool TryTransition(JobState.Types.Enum next, params ReadOnlySpan<JobState.Types.Enum> from)
    {
        lock (_gate)
        {
            if (!from.Contains(State))
            {
                return false;
            }

            State = next;
            AppendLocked(new JobMessagesResponse { StateResponse = NewStateEvent(next) });
        }

        if (JobStates.IsTerminal(next))
        {
            Ended?.Invoke();
        }

        return true;
    }

    /// <summary>
    /// Replays every event from the start, then follows new ones, ending after the terminal state event.
    /// </summary>
    public async IAsyncEnumerable<JobMessagesResponse> FollowAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = 0;
        while (true)
        {
            List<JobMessagesResponse> batch;
            Task changed;
            bool ended;
            lock (_gate)
            {
                batch = _events.GetRange(next, _events.Count - next);
                next = _events.Count;
                ended = JobStates.IsTerminal(State);
                changed = _changed.Task;
            }

            foreach (var item in batch)
            {
                yield return item;
            }

            if (ended)
            {
                yield break;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void AppendLocked(JobMessagesResponse item)
    {
        if (JobStates.IsTerminal(State) && item.ResponseCase == JobMessagesResponse.ResponseOneofCase.MessageResponse)
        {
            // Messages after the terminal state cannot reach any stream (streams end there): drop them.
            return;
        }

        _events.Add(item);
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private JobStateEvent NewStateEvent(JobState.Types.Enum state) =>
        new() { State = state, Timestamp = Timestamp.FromDateTimeOffset(_time.GetUtcNow()) };

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
