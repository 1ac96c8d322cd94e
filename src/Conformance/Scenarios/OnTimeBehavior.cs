namespace BeamConformance.Conformance.Scenarios;

/// <summary><c>OnTimeBehavior.Enum</c>.</summary>
public enum OnTimeBehavior
{
    /// <summary>Always fire the on-time pane.</summary>
    FireAlways,

    /// <summary>Fire the on-time pane only if it has elements.</summary>
    FireIfNonEmpty,
}
