using BeamConformance.Conformance.Scenarios;
using BeamConformance.Model;

namespace BeamConformance.Conformance.Checking.Internal;

/// <summary>
/// The <c>residual_watermarks</c> protocol check (<c>beam_fn_api.proto</c> <c>DelayedBundleApplication.output_watermarks</c>):
/// the watermark the test SDF's estimator reported with each self-checkpoint residual and each element split's residual,
/// in order, as the FakeHarness answered them.
/// </summary>
internal static class ResidualWatermarkChecker
{
    /// <summary>Every violation, one line each.</summary>
    public static List<string> Problems(IReadOnlyList<(string Kind, long? Millis)> residuals, ProtocolCheck.ResidualWatermarks check)
    {
        var problems = new List<string>();
        if (check.CheckpointsMillis is { } checkpoints)
        {
            var actual = residuals.Where(static r => r.Kind == "checkpoint").Select(static r => r.Millis).ToList();
            if (!actual.SequenceEqual(checkpoints.Select(static m => (long?)m)))
            {
                problems.Add($"residual_watermarks checkpoints_ms: expected [{Show(checkpoints.Select(static m => (long?)m))}], actual [{Show(actual)}]");
            }
        }

        if (check.ElementSplitsMillis is { } splits)
        {
            var actual = residuals.Where(static r => r.Kind == "split").Select(static r => r.Millis).ToList();
            if (!actual.SequenceEqual(splits))
            {
                problems.Add($"residual_watermarks element_splits_ms: expected [{Show(splits)}], actual [{Show(actual)}]");
            }
        }

        return problems;
    }

    private static string Show(IEnumerable<long?> millis) => string.Join(", ", millis.Select(static m => m is { } v ? BeamTime.Format(v) : "none"));
}
