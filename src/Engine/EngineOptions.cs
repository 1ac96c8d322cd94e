namespace BeamConformance.Engine;

/// <summary>Settings of a <see cref="JobEngine"/>.</summary>
public sealed record EngineOptions
{
    /// <summary>The defaults: bundles of at most 1000 elements.</summary>
    public static EngineOptions Default { get; } = new();

    /// <summary>The most elements a bundle takes (over all its inputs); at least 1.</summary>
    public int MaxBundleSize { get; init; } = 1000;
}
