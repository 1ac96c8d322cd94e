namespace BeamConformance.FakeHarness.Internal.Splits;

/// <summary>
/// How one data input split: the channel split (<c>last_primary_element</c>, <c>first_residual_element</c>) and, for an
/// element split, the current element's primary and residual roots (both null for a split at an element boundary).
/// </summary>
internal sealed record InputSplit(long LastPrimary, long FirstResidual, ElementSplit? Element);
