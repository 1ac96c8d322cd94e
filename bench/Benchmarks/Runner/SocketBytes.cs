using System.Diagnostics.Tracing;

namespace BeamConformance.Benchmarks.Runner;

/// <summary>
/// Total bytes sent through every socket of this process, from the runtime's <c>System.Net.Sockets</c> event
/// counter <c>bytes-sent</c> (cumulative since the counter was enabled). Runner, harness and clients share the
/// process and talk over loopback, so each byte on the wire is counted once, with its HTTP/2 and gRPC framing.
/// Counter values arrive every <see cref="Interval"/>; <see cref="ReadAsync"/> waits for a fresh one.
/// </summary>
internal sealed class SocketBytes : EventListener
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private double _bytesSent = double.NaN;
    private long _updates;

    /// <summary>Waits for two counter updates (so the value is no older than the call) and returns bytes sent so far.</summary>
    public async Task<double> ReadAsync()
    {
        var start = Interlocked.Read(ref _updates);
        for (var waited = 0; Interlocked.Read(ref _updates) < start + 2; waited++)
        {
            if (waited > 50)
            {
                return double.NaN;
            }

            await Task.Delay(Interval).ConfigureAwait(false);
        }

        return Volatile.Read(ref _bytesSent);
    }

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "System.Net.Sockets")
        {
            EnableEvents(eventSource, EventLevel.LogAlways, EventKeywords.All, new Dictionary<string, string?>
            {
                ["EventCounterIntervalSec"] = Interval.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName != "EventCounters" || eventData.Payload is null)
        {
            return;
        }

        foreach (var item in eventData.Payload)
        {
            if (item is IDictionary<string, object> counter && counter.TryGetValue("Name", out var name) && (string)name == "bytes-sent"
                && counter.TryGetValue("Mean", out var value))
            {
                Volatile.Write(ref _bytesSent, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                Interlocked.Increment(ref _updates);
            }
        }
    }
}
