namespace BeamConformance.Conformance.Scenarios;

/// <summary><c>AccumulationMode.Enum</c>.</summary>
public enum AccumulationMode
{
    /// <summary>Each pane holds only elements since the last firing.</summary>
    Discarding,

    /// <summary>Each pane holds every element so far.</summary>
    Accumulating,

    /// <summary>Retractions (reserved by Beam).</summary>
    Retracting,
}
