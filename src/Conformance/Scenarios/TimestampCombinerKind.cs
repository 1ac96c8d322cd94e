namespace BeamConformance.Conformance.Scenarios;

/// <summary><c>OutputTime.Enum</c> (TimestampCombiner).</summary>
public enum TimestampCombinerKind
{
    /// <summary>The earliest input timestamp.</summary>
    Earliest,

    /// <summary>The latest input timestamp.</summary>
    Latest,

    /// <summary>The window's max timestamp (end − 1 ms for interval windows).</summary>
    EndOfWindow,
}
