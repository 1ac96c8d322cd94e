namespace BeamConformance.Engine;

/// <summary>What a GroupByKey keeps of a window's values after a pane fired (the model's <c>AccumulationMode</c>).</summary>
public enum AccumulationMode
{
    /// <summary>Each pane holds only the values that arrived since the previous pane (the model's default).</summary>
    Discarding = 0,

    /// <summary>Each pane holds every value of the window so far.</summary>
    Accumulating = 1,
}
