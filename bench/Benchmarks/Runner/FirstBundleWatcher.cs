using System.Diagnostics;
using BeamConformance.FakeHarness;

namespace BeamConformance.Benchmarks.Runner;

/// <summary>
/// Finds when the harness first received a ProcessBundle instruction of one run: the ProtocolRecorder holds no
/// timestamps, so a background thread polls it about every millisecond (the figure's resolution) from
/// <see cref="Start"/> on and notes the <see cref="Stopwatch"/> time it first sees a <c>process_bundle</c> entry.
/// </summary>
internal sealed class FirstBundleWatcher(ProtocolRecorder recorder, string runId) : IDisposable
{
    private readonly ManualResetEventSlim _seen = new();
    private volatile bool _stopped;
    private long _startTicks;
    private long _seenTicks;

    /// <summary>Notes the start time and starts polling.</summary>
    public void Start()
    {
        _startTicks = Stopwatch.GetTimestamp();
        new Thread(Poll) { IsBackground = true, Name = "first-bundle watcher" }.Start();
    }

    /// <summary>Milliseconds from <see cref="Start"/> to the first ProcessBundle seen.</summary>
    /// <exception cref="TimeoutException">None seen within <paramref name="wait"/>.</exception>
    public double MillisecondsAfterStart(TimeSpan wait) =>
        _seen.Wait(wait)
            ? Stopwatch.GetElapsedTime(_startTicks, Interlocked.Read(ref _seenTicks)).TotalMilliseconds
            : throw new TimeoutException($"the harness recorded no process_bundle instruction for run {runId}");

    /// <inheritdoc />
    public void Dispose()
    {
        _stopped = true;
        _seen.Dispose();
    }

    private void Poll()
    {
        while (!_stopped)
        {
            if (recorder.Get(runId).Instructions.Any(i => i.Kind == "process_bundle"))
            {
                Interlocked.Exchange(ref _seenTicks, Stopwatch.GetTimestamp());
                try
                {
                    _seen.Set();
                }
                catch (ObjectDisposedException)
                {
                }

                return;
            }

            Thread.Sleep(1);
        }
    }
}
