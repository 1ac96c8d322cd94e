namespace BeamConformance.Model.Windowing;

/// <summary>
/// What a GroupByKey keeps of a window's values after a pane fired (<c>beam_runner_api.proto</c>
/// <c>AccumulationMode.Enum</c>; Java <c>WindowingStrategy.AccumulationMode</c>).
/// </summary>
public enum AccumulationMode
{
    /// <summary>Each pane holds only the values that arrived since the previous pane (<c>DISCARDING</c>, the model's default).</summary>
    Discarding = 0,

    /// <summary>Each pane holds every value of the window so far (<c>ACCUMULATING</c>).</summary>
    Accumulating = 1,

    /// <summary>
    /// <c>RETRACTING</c>: each pane retracts the previous one. No Beam runner or SDK implements it; it exists here
    /// so a runner can refuse it with a clear message instead of failing to read the strategy.
    /// </summary>
    Retracting = 2,
}
