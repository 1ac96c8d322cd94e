using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal.Splits;

/// <summary>
/// The consumer of a data input that can split the element it is processing (a splittable DoFn's Process part):
/// what <see cref="ChannelSplitState.TrySplit"/> asks before splitting at an element boundary, as Python's
/// <c>DataInputOperation.try_split</c> asks its receiver.
/// </summary>
internal interface IElementSplitter
{
    /// <summary>The fraction of the current element done, in [0, 1]; null when no element is being processed.</summary>
    double? CurrentProgress();

    /// <summary>
    /// The current element's work in the restriction's own units (offsets for the test SDF): completed and remaining, as
    /// the restriction tracker's <c>getProgress</c> reports it (Java <c>RestrictionTracker.HasProgress</c>); null when no
    /// element is being processed.
    /// </summary>
    (double Completed, double Remaining)? CurrentWork();

    /// <summary>
    /// Splits the current element's restriction, keeping <paramref name="fractionOfRemainder"/> of its remaining work.
    /// </summary>
    /// <returns>The primary and residual roots, or null when the element cannot be split.</returns>
    ElementSplit? TrySplit(double fractionOfRemainder);

    /// <summary>Completes when a split request may be answered: the consumer is at a deterministic point (or done).</summary>
    Task ReadyForSplitAsync();

    /// <summary>A split request was answered: a consumer waiting for split requests counts it, and goes on when it has
    /// seen the number it waits for or when this one was answered without a split (<paramref name="split"/> false).</summary>
    void SplitAnswered(bool split);
}
