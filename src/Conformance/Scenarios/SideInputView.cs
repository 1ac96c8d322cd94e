namespace BeamConformance.Conformance.Scenarios;

/// <summary>The side input access patterns of format version 1 (beam:side_input:iterable:v1, beam:side_input:multimap:v1).</summary>
public enum SideInputView
{
    /// <summary>Every value of the window.</summary>
    Iterable,

    /// <summary>The values for one key (the main element).</summary>
    Multimap,

    /// <summary>The distinct keys of the window.</summary>
    MultimapKeys,

    /// <summary>The single value of the window (or a default).</summary>
    Singleton,
}
