namespace BeamConformance.Conformance.Scenarios;

/// <summary><c>ClosingBehavior.Enum</c>.</summary>
public enum ClosingBehavior
{
    /// <summary>Emit the final pane only if it has elements.</summary>
    EmitIfNonEmpty,

    /// <summary>Always emit a final pane.</summary>
    EmitAlways,
}
