namespace BeamConformance.Model;

/// <summary>
/// Beam event time. Every timestamp in this library is a <see cref="long"/> count of
/// <b>milliseconds</b> since the Unix epoch, as the model's coders carry them
/// (the Python SDK thinks in microseconds; protos use <c>google.protobuf.Timestamp</c>).
/// </summary>
/// <remarks>
/// The bounds are the Java SDK's <c>BoundedWindow.TIMESTAMP_MIN_VALUE</c> and <c>TIMESTAMP_MAX_VALUE</c>:
/// <c>Long.MIN_VALUE</c> and <c>Long.MAX_VALUE</c> microseconds, truncated to milliseconds.
/// </remarks>
public static class BeamTime
{
    /// <summary>The smallest timestamp of the model, in ms: -9 223 372 036 854 775.</summary>
    public const long MinTimestampMillis = long.MinValue / 1000;

    /// <summary>The largest timestamp of the model, in ms: 9 223 372 036 854 775. A watermark here means "done".</summary>
    public const long MaxTimestampMillis = long.MaxValue / 1000;

    /// <summary>
    /// The max timestamp of the global window, in ms: one day before <see cref="MaxTimestampMillis"/>
    /// (9 223 371 950 454 775), so that triggers may still fire after it.
    /// </summary>
    public const long EndOfGlobalWindowMillis = MaxTimestampMillis - 86_400_000L;

    /// <summary>Clamps <paramref name="millis"/> into [<see cref="MinTimestampMillis"/>, <see cref="MaxTimestampMillis"/>].</summary>
    public static long Clamp(long millis) => Math.Clamp(millis, MinTimestampMillis, MaxTimestampMillis);

    /// <summary>Formats a ms timestamp for messages: the model's names for the bounds, else ISO-8601 UTC with ms.</summary>
    public static string Format(long millis) => millis switch
    {
        MinTimestampMillis => "MIN_TIMESTAMP",
        MaxTimestampMillis => "MAX_TIMESTAMP",
        EndOfGlobalWindowMillis => "END_OF_GLOBAL_WINDOW",
        _ when millis < -62135596800000L || millis > 253402300799999L => millis.ToString(System.Globalization.CultureInfo.InvariantCulture) + "ms",
        _ => DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
    };
}
