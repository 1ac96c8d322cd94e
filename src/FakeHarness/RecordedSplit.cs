namespace BeamConformance.FakeHarness;

/// <summary>
/// One <c>DesiredSplit</c> of a ProcessBundleSplitRequest the harness received, and the <c>ChannelSplit</c> it answered
/// (element indices are 0-based positions in the bundle's stream for that data input).
/// </summary>
/// <param name="BundleInstructionId">The ProcessBundle instruction the split was asked of.</param>
/// <param name="TransformId">The data input (<c>beam:runner:source:v1</c> transform) the split is for.</param>
/// <param name="FractionOfRemainder">DesiredSplit.fraction_of_remainder.</param>
/// <param name="AllowedSplitPoints">DesiredSplit.allowed_split_points, as sent.</param>
/// <param name="EstimatedInputElements">DesiredSplit.estimated_input_elements.</param>
/// <param name="LastPrimaryElement">ChannelSplit.last_primary_element answered; null when the harness did not split.</param>
/// <param name="FirstResidualElement">ChannelSplit.first_residual_element answered; null when the harness did not split.</param>
public sealed record RecordedSplit(
    string BundleInstructionId,
    string TransformId,
    double FractionOfRemainder,
    IReadOnlyList<long> AllowedSplitPoints,
    long EstimatedInputElements,
    long? LastPrimaryElement,
    long? FirstResidualElement)
{
    /// <summary>The element bytes (<c>BundleApplication.element</c>) of the primary roots answered (an element split); empty otherwise.</summary>
    public IReadOnlyList<byte[]> PrimaryRoots { get; init; } = [];

    /// <summary>The element bytes of the residual roots answered (<c>DelayedBundleApplication.application.element</c>); empty otherwise.</summary>
    public IReadOnlyList<byte[]> ResidualRoots { get; init; } = [];

    /// <summary>The offset range <c>[From, To)</c> the test SDF kept in the primary root of an element split; null otherwise.</summary>
    public (long From, long To)? PrimaryRestriction { get; init; }

    /// <summary>The offset range <c>[From, To)</c> of the residual root of an element split; null otherwise.</summary>
    public (long From, long To)? ResidualRestriction { get; init; }

    /// <summary>The least <c>output_watermarks</c> entry (ms) of the residual root of an element split; null otherwise.</summary>
    public long? ResidualOutputWatermarkMillis { get; init; }
}
