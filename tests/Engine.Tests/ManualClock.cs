namespace BeamConformance.Engine.Tests;

/// <summary>A processing-time clock the test moves by hand; its timers never fire (tests call <see cref="JobEngine.RefreshProcessingTime"/>).</summary>
internal sealed class ManualClock(long startMillis) : TimeProvider
{
    public long NowMillis { get; set; } = startMillis;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(NowMillis);

    public List<TimeSpan> TimersCreated { get; } = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        TimersCreated.Add(dueTime);
        return new Inert();
    }

    private sealed class Inert : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
