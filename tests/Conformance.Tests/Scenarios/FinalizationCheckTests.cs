using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Tests.Scenarios;

/// <summary>The <c>bundle_finalization</c> protocol check over ordered bundle events: each row a runner's behaviour.</summary>
public sealed class FinalizationCheckTests
{
    public static TheoryData<string, string, int, string?> Rows => new()
    {
        // A correct runner: b1 asked and was finalized after its response; b2 did not ask.
        { "conforms", "response b1 asks; response b2; finalize b1", 1, null },
        // A retried bundle reusing its instruction id: the failed attempt first, then the successful one, then finalize.
        { "retry then finalize", "failed b1; response b1 asks; finalize b1", 1, null },
        // Finalizes a failed attempt.
        { "failed attempt", "failed b1; finalize b1", 0, "FinalizeBundleRequest for bundle 'b1', but its attempt failed" },
        // Finalizes before the harness answered.
        { "before response", "finalize b1; response b1 asks", 1, "the harness had not answered it yet" },
        // Finalizes a bundle that did not ask.
        { "not asked", "response b1; finalize b1", 0, "did not ask for finalization" },
        // Finalizes twice.
        { "twice", "response b1 asks; finalize b1; finalize b1", 1, "it was already finalized" },
        // Never finalizes.
        { "never", "response b1 asks", 0, "bundle 'b1' asked for finalization (requires_finalization) but got no FinalizeBundleRequest" },
        // The count differs.
        { "count", "response b1 asks; finalize b1", 2, "expected 2 finalized bundle(s), actual 1" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Bundle_finalization_check(string label, string events, int finalized, string? problem)
    {
        var log = ProtocolLog.Empty with { BundleEvents = [.. events.Split("; ").Select(Parse)] };

        var result = ProtocolChecker.Check([new ProtocolCheck.BundleFinalization(finalized)], log);

        Assert.True(problem is null == result.Passed, $"{label}: {result.Diff}");
        if (problem is not null)
        {
            Assert.Contains(problem, result.Diff, StringComparison.Ordinal);
        }
    }

    private static (string, string, bool) Parse(string e)
    {
        var parts = e.Split(' ');
        return (parts[0], parts[1], parts.Length > 2);
    }
}
