using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Tests.Scenarios;

/// <summary>The <c>progress</c> and <c>late_requests</c> protocol checks: each row a runner's (or SDK's) behaviour.</summary>
public sealed class ProgressCheckTests
{
    public static TheoryData<string, string, string?> LateRows => new()
    {
        // Progress and split while b1 runs, then b2 starts and answers: conforms.
        { "in time", "process_bundle b1; process_bundle_progress p1 b1; process_bundle_split s1 b1; response b1; process_bundle b2; response b2", null },
        // A progress request that arrives just after b1's answer may have been sent before the runner read it: not late.
        { "in flight", "process_bundle b1; response b1; process_bundle_progress p1 b1; process_bundle b2; response b2", null },
        // Still asking b1's progress after b2, started after b1 answered, answered too: late.
        { "after a later bundle", "process_bundle b1; response b1; process_bundle b2; response b2; process_bundle_progress p1 b1", "process_bundle_progress 'p1' for finished bundle 'b1'" },
        // A split for b1 after its FinalizeBundleRequest: late.
        { "after finalize", "process_bundle b1; response b1; finalize_bundle f1 b1; process_bundle_split s1 b1", "process_bundle_split 's1' for finished bundle 'b1'" },
        // b2 started before b1 answered: its answer says nothing about b1.
        { "overlapping", "process_bundle b1; process_bundle b2; response b1; response b2; process_bundle_progress p1 b1", null },
    };

    [Theory]
    [MemberData(nameof(LateRows))]
    public void Late_requests_check(string label, string stream, string? late)
    {
        var log = ProtocolLog.Empty with { ControlStream = [.. stream.Split("; ").Select(Parse)] };

        var result = ProtocolChecker.Check([new ProtocolCheck.LateRequests(new CountBound(0, null, null))], log);

        Assert.True(late is null == result.Passed, $"{label}: {result.Diff}");
        if (late is not null)
        {
            Assert.Contains($"late_requests: expected exactly 0, actual 1: [{late}]", result.Diff, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string, string?> ProgressRows => new()
    {
        // Two bundles, the first answered twice: the first answer with work per bundle is what is checked.
        { "conforms", "b1 -1; b1 0 0 6; b1 0 0 6; b2 0 0 3", null },
        // The runner split differently: the second bundle's element is [3, 6) minus one.
        { "other split", "b1 0 0 6; b2 0 0 2", "progress first_work_per_bundle: expected [[0, 0, 6], [0, 0, 3]], actual [[0, 0, 6], [0, 0, 2]]" },
        // No progress asked at all.
        { "never asked", "", "progress first_work_per_bundle: expected [[0, 0, 6], [0, 0, 3]], actual []" },
        // Work reported for two active elements: the test SDF has one.
        { "two values", "b1 0 0,1 6,5; b2 0 0 3", "progress: the answer for bundle 'b1' reports work completed [0, 1], remaining [6, 5]; expected one finite value of each, at least 0" },
    };

    [Theory]
    [MemberData(nameof(ProgressRows))]
    public void Progress_check(string label, string answers, string? problem)
    {
        var log = ProtocolLog.Empty with { ProgressAnswers = [.. answers.Split("; ", StringSplitOptions.RemoveEmptyEntries).Select(ParseAnswer)] };

        var result = ProtocolChecker.Check([new ProtocolCheck.Progress([(0, 0, 6), (0, 0, 3)], AnswersAtLeast: null)], log);

        Assert.True(problem is null == result.Passed, $"{label}: {result.Diff}");
        if (problem is not null)
        {
            Assert.Contains(problem, result.Diff, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Too_few_answers_with_work_fail_answers_at_least()
    {
        var log = ProtocolLog.Empty with { ProgressAnswers = [ParseAnswer("b1 0 0 6")] };

        var result = ProtocolChecker.Check([new ProtocolCheck.Progress(null, AnswersAtLeast: 2)], log);

        Assert.Contains("progress answers_at_least: expected at least 2 answers reporting work, actual 1", result.Diff, StringComparison.Ordinal);
    }

    // "kind instruction [target]", or "response bundle".
    private static (string, string, string?) Parse(string e)
    {
        var p = e.Split(' ');
        return (p[0], p[1], p.Length > 2 ? p[2] : null);
    }

    // "bundle index [completed remaining]", values comma-separated.
    private static (string, long?, IReadOnlyList<double>, IReadOnlyList<double>) ParseAnswer(string e)
    {
        var p = e.Split(' ');
        static IReadOnlyList<double> Values(string[] p, int i) => p.Length > i ? [.. p[i].Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture))] : [];
        return (p[0], long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), Values(p, 2), Values(p, 3));
    }
}
