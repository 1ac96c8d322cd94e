using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Tests.Scenarios;

/// <summary>
/// The <c>channel_splits</c> protocol check, exact and with <c>prefix: true</c> (the expected splits first, more may
/// follow): each row the splits a runner asked, as "estimate:last,first" or "estimate:none".
/// </summary>
public sealed class ChannelSplitsCheckTests
{
    public static TheoryData<string, string, bool, string?> Rows => new()
    {
        { "exact: the one split", "6:2,3", false, null },
        { "exact: a later bundle split too", "6:2,3; 3:0,1", false, "channel_splits answers: expected [[2, 3]], actual [[2, 3], [0, 1]]" },
        { "exact: never split", "", false, "channel_splits answers: expected [[2, 3]], actual []" },
        { "prefix: the one split", "6:2,3", true, null },
        { "prefix: a later bundle split too", "6:2,3; 3:0,1", true, null },
        { "prefix: a later 'no split'", "6:2,3; 3:none", true, null },
        // Still the stalled bundle must be split first, and at the right point.
        { "prefix: never split", "", true, "channel_splits answers: expected first [[2, 3]], actual []" },
        { "prefix: first split elsewhere", "6:3,4; 2:0,1", true, "channel_splits answers: expected first [[2, 3]], actual [[3, 4], [0, 1]]" },
        { "prefix: first answered no split", "6:none; 6:2,3", true, "channel_splits answers: expected first [[2, 3]], actual [none, [2, 3]]" },
        { "prefix: other estimate", "5:2,3", true, "channel_splits estimated_input_elements: expected first [6], actual [5]" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Channel_splits_check(string label, string splits, bool prefix, string? problem)
    {
        var log = ProtocolLog.Empty with { Splits = [.. splits.Split("; ", StringSplitOptions.RemoveEmptyEntries).Select(Parse)] };

        var result = ProtocolChecker.Check([new ProtocolCheck.ChannelSplits([(2, 3)], [6], prefix)], log);

        Assert.True(problem is null == result.Passed, $"{label}: {result.Diff}");
        if (problem is not null)
        {
            Assert.Contains(problem, result.Diff, StringComparison.Ordinal);
        }
    }

    // "estimate:last,first" or "estimate:none".
    private static (long, (long, long)?) Parse(string e)
    {
        var p = e.Split(':');
        var estimate = long.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture);
        if (p[1] == "none")
        {
            return (estimate, null);
        }

        var r = p[1].Split(',').Select(v => long.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (estimate, (r[0], r[1]));
    }
}
