namespace BeamConformance.Model.Windowing;

/// <summary>
/// How a GroupByKey picks the timestamp of a pane it emits (<c>beam_runner_api.proto</c> <c>OutputTime.Enum</c>,
/// Java <c>TimestampCombiner</c>).
/// </summary>
public enum TimestampCombiner
{
    /// <summary>The window's max timestamp (<c>END_OF_WINDOW</c>, the model's default).</summary>
    EndOfWindow = 0,

    /// <summary>The latest timestamp of the pane's values (<c>LATEST_IN_PANE</c>).</summary>
    Latest = 1,

    /// <summary>The earliest timestamp of the pane's values (<c>EARLIEST_IN_PANE</c>).</summary>
    Earliest = 2,
}
