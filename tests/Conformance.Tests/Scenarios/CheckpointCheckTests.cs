using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Tests.Scenarios;

/// <summary>The <c>checkpoints</c> protocol check: each row a runner's handling of a deferred residual.</summary>
public sealed class CheckpointCheckTests
{
    public static TheoryData<string, string, string?> Rows => new()
    {
        // Deferred [2, 5) for 200 ms at t=1000, resumed at t=1200: conforms.
        { "on time", "checkpoint 2 5 200 1000; restriction 2 5 0 1200", null },
        // Resumed at once: the delay was ignored.
        { "too early", "checkpoint 2 5 200 1000; restriction 2 5 0 1010", "the residual [2, 5) resumed 10 ms after it was deferred, before its requested delay of 200 ms" },
        // Never resumed: the residual was lost.
        { "lost", "checkpoint 2 5 200 1000; restriction 0 5 0 900", "the residual [2, 5) deferred for 200 ms was never processed again (lost)" },
        // A different delay than asked.
        { "delays", "checkpoint 2 5 100 1000; restriction 2 5 0 1200", "checkpoints delays_ms: expected [200], actual [100]" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Checkpoints_check(string label, string events, string? problem)
    {
        var log = ProtocolLog.Empty with { CheckpointEvents = [.. events.Split("; ").Select(Parse)] };

        var result = ProtocolChecker.Check([new ProtocolCheck.Checkpoints([200], Resumed: true)], log);

        Assert.True(problem is null == result.Passed, $"{label}: {result.Diff}");
        if (problem is not null)
        {
            Assert.Contains(problem, result.Diff, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("checkpoint 2 5 200 1000; restriction 2 5 0 1010", null)]
    [InlineData("checkpoint 2 5 200 1000; restriction 0 5 0 900", "the residual [2, 5) deferred for 200 ms was never processed again (lost)")]
    public void In_a_drained_scenario_resuming_early_is_right_but_a_lost_residual_still_fails(string events, string? problem)
    {
        var log = ProtocolLog.Empty with { CheckpointEvents = [.. events.Split("; ").Select(Parse)] };

        var result = ProtocolChecker.Check([new ProtocolCheck.Checkpoints([200], Resumed: true) { Drained = true }], log);

        Assert.Equal(problem is null, result.Passed);
        if (problem is not null)
        {
            Assert.Contains(problem, result.Diff, StringComparison.Ordinal);
        }
    }

    private static (string, long, long, long, long) Parse(string e)
    {
        var p = e.Split(' ');
        return (p[0], long.Parse(p[1]), long.Parse(p[2]), long.Parse(p[3]), long.Parse(p[4]));
    }
}
