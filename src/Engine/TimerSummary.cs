namespace BeamConformance.Engine;

/// <summary>
/// What the engine needs to know of an SDK stage's pending user timers (the runner keeps the timers themselves): when
/// the stage must run again for them, and the output-watermark holds they place. Reported with each committed bundle
/// of a stage with timers (<see cref="BundleResult.Timers"/>); it replaces the previous summary.
/// </summary>
/// <param name="PendingCount">How many timers are set (0: none; the other fields are then their defaults).</param>
/// <param name="NextEventTimeMillis">The earliest fire timestamp (ms) of an event-time timer, or <see cref="long.MaxValue"/>.
/// Due once the stage's input watermark is strictly after it (Java <c>InMemoryTimerInternals</c>).</param>
/// <param name="NextProcessingTimeMillis">The earliest fire time (ms) of a processing-time timer, or <see cref="long.MaxValue"/>.
/// Due once the job's processing time is strictly after it.</param>
/// <param name="HoldsMillis">One output timestamp (ms) per pending timer: each holds the stage's output watermark until the timer fires or is cleared.</param>
public sealed record TimerSummary(int PendingCount, long NextEventTimeMillis, long NextProcessingTimeMillis, IReadOnlyList<long> HoldsMillis)
{
    /// <summary>No timer is set.</summary>
    public static TimerSummary None { get; } = new(0, long.MaxValue, long.MaxValue, []);
}
