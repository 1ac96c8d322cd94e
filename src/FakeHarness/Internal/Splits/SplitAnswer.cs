using BeamConformance.FakeHarness.Internal.Operators;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal.Splits;

/// <summary>
/// Answers a ProcessBundleSplitRequest for a running bundle as Beam's SDK harnesses do for ordinary consumers: every
/// DesiredSplit whose transform id is one of the bundle's data inputs is tried on that input (a ChannelSplit when it
/// splits, with the current element's primary and residual roots when a splittable consumer split it); DesiredSplits
/// for other transform ids are ignored.
/// </summary>
internal static class SplitAnswer
{
    /// <summary>Computes the response and the record of each DesiredSplit.</summary>
    public static (ProcessBundleSplitResponse Response, IReadOnlyList<RecordedSplit> Recorded) For(
        string bundleInstructionId, IReadOnlyList<DataSourceOperator> sources, ProcessBundleSplitRequest request)
    {
        var response = new ProcessBundleSplitResponse();
        var recorded = new List<RecordedSplit>();
        foreach (var (transformId, desired) in request.DesiredSplits.OrderBy(static d => d.Key, StringComparer.Ordinal))
        {
            var allowed = desired.AllowedSplitPoints.ToArray();
            var source = sources.FirstOrDefault(s => s.Node.Id == transformId);
            var split = source?.Split.TrySplit(desired.FractionOfRemainder, desired.EstimatedInputElements, allowed);
            if (split is { } s)
            {
                response.ChannelSplits.Add(new ProcessBundleSplitResponse.Types.ChannelSplit
                {
                    TransformId = transformId,
                    LastPrimaryElement = s.LastPrimary,
                    FirstResidualElement = s.FirstResidual,
                });
                if (s.Element is { } element)
                {
                    response.PrimaryRoots.Add(element.Primary);
                    response.ResidualRoots.Add(element.Residual);
                }
            }

            source?.Split.Element?.SplitAnswered(split is not null);
            recorded.Add(new RecordedSplit(
                bundleInstructionId, transformId, desired.FractionOfRemainder, allowed, desired.EstimatedInputElements, split?.LastPrimary, split?.FirstResidual)
            {
                PrimaryRoots = split?.Element is { } p ? [p.Primary.Element.ToByteArray()] : [],
                ResidualRoots = split?.Element is { } r ? [r.Residual.Application.Element.ToByteArray()] : [],
                PrimaryRestriction = split?.Element?.PrimaryRange,
                ResidualRestriction = split?.Element?.ResidualRange,
                ResidualOutputWatermarkMillis = split?.Element is { } w ? LeastWatermarkMillis(w.Residual) : null,
            });
        }

        return (response, recorded);
    }

    /// <summary>The least of a residual root's <c>output_watermarks</c> (ms, floored), or null when it has none.</summary>
    public static long? LeastWatermarkMillis(DelayedBundleApplication residual) =>
        residual.Application.OutputWatermarks.Count == 0
            ? null
            : residual.Application.OutputWatermarks.Values.Min(static t => (t.Seconds * 1000) + (t.Nanos / 1_000_000));
}
