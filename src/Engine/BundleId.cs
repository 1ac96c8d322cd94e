namespace BeamConformance.Engine;

/// <summary>
/// Identifies a bundle handed out by <see cref="JobEngine"/>. Ids are 1, 2, 3, ... in the order bundles are
/// handed out, so a deterministic run produces the same ids.
/// </summary>
/// <param name="Value">The sequence number of the bundle within its job, starting at 1.</param>
public readonly record struct BundleId(long Value)
{
    /// <summary>The id as the runner may use it for a Fn API instruction id: <c>bundle-N</c>.</summary>
    public override string ToString() => "bundle-" + Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
