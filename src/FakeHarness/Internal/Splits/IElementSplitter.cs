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
    /// Splits the current element's restriction, keeping <paramref name="fractionOfRemainder"/> of its remaining work.
    /// </summary>
    /// <returns>The primary and residual roots, or null when the element cannot be split.</returns>
    ElementSplit? TrySplit(double fractionOfRemainder);

    /// <summary>Completes when a split request may be answered: the consumer is at a deterministic point (or done).</summary>
    Task ReadyForSplitAsync();

    /// <summary>A split request was answered (split or not): a consumer waiting for one goes on.</summary>
    void SplitAnswered();
}
