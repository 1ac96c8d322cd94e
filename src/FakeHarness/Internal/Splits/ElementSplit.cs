using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal.Splits;

/// <summary>The split of the element being processed: its primary and residual roots and their restrictions (offset ranges).</summary>
internal sealed record ElementSplit(BundleApplication Primary, DelayedBundleApplication Residual, (long From, long To) PrimaryRange, (long From, long To) ResidualRange);
