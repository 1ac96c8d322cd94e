namespace BeamConformance.Engine;

/// <summary>
/// How a GroupByKey picks the timestamp of a pane it emits (the model's <c>OutputTime</c> enum in
/// <c>beam_runner_api.proto</c>, Java <c>TimestampCombiner</c>).
/// </summary>
/// <remarks>
/// Only elements that were not late when they arrived take part (Java <c>WatermarkHold</c>); a pane made
/// only of late elements is stamped with the window's max timestamp. For merged windows the element
/// timestamps of all merged windows are combined.
/// </remarks>
public enum TimestampCombiner
{
    /// <summary>The window's max timestamp (the model's default).</summary>
    EndOfWindow = 0,

    /// <summary>The latest element timestamp of the pane.</summary>
    Latest = 1,

    /// <summary>The earliest element timestamp of the pane.</summary>
    Earliest = 2,
}
