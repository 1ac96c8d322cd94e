using BeamConformance.Conformance.Checking.Internal;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Checking;

/// <summary>Checks a scenario's <c>expect.protocol</c> against the FakeHarness's <see cref="ProtocolLog"/>.</summary>
public static class ProtocolChecker
{
    /// <summary>Checks each of <paramref name="checks"/>; every failing one is a problem.</summary>
    public static CheckResult Check(IReadOnlyList<ProtocolCheck> checks, ProtocolLog log)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(log);
        var problems = new List<string>();
        foreach (var check in checks)
        {
            switch (check)
            {
                case ProtocolCheck.DataToHarness d:
                    var actual = log.Data.Where(x => x.PCollection == d.PCollection).Select(x => Convert.ToHexStringLower(x.WindowedValue)).ToList();
                    var expected = d.WindowedValues.Select(Convert.ToHexStringLower).ToList();
                    if (!SameHex(actual, expected, d.Ordered))
                    {
                        problems.Add($"data_to_harness '{d.PCollection}': expected [{string.Join(", ", expected)}], actual [{string.Join(", ", actual)}]");
                    }

                    break;
                case ProtocolCheck.Descriptor d:
                    problems.AddRange(DescriptorChecks.Problems(d, log.Descriptors));
                    break;
                case ProtocolCheck.StateRequests s:
                    var n = log.StateRequests.Count(s.Matches);
                    if (!s.Count.Accepts(n))
                    {
                        var sameKind = log.StateRequests.Where(r => r.Kind == s.Kind).Take(10)
                            .Select(static r => $"{r.Operation} transform={r.TransformId} state_id={r.UserStateId} key={r.KeyHex} window={r.WindowHex}{(r.Continued ? " continued" : "")}");
                        problems.Add($"state_requests {s.Kind}{s.Describe()}: expected {s.Count}, actual {n}"
                            + (s.Describe().Length == 0 ? "" : $"; requests of that kind: [{string.Join("; ", sameKind)}]"));
                    }

                    break;
                case ProtocolCheck.UserStateCacheTokens t:
                    var distinct = log.UserStateCacheTokens.Distinct(StringComparer.Ordinal).Count();
                    if (!t.Distinct.Accepts(distinct))
                    {
                        problems.Add($"user_state_cache_tokens: expected {t.Distinct} distinct, actual {distinct} (tokens in order: [{string.Join(", ", log.UserStateCacheTokens)}])");
                    }

                    break;
                case ProtocolCheck.ChannelSplits c:
                    var answers = log.Splits.Select(static x => x.Answer).ToList();
                    var first = c.Prefix ? " first" : string.Empty;
                    if (!Matches(answers, c.Answers, c.Prefix))
                    {
                        problems.Add($"channel_splits answers: expected{first} [{string.Join(", ", c.Answers.Select(ShowSplit))}], actual [{string.Join(", ", answers.Select(ShowSplit))}]");
                    }

                    if (c.EstimatedInputElements is { } estimates && !Matches([.. log.Splits.Select(static x => x.Estimated)], estimates, c.Prefix))
                    {
                        problems.Add($"channel_splits estimated_input_elements: expected{first} [{string.Join(", ", estimates)}], actual [{string.Join(", ", log.Splits.Select(static x => x.Estimated))}]");
                    }

                    break;
                case ProtocolCheck.Timers t:
                    var sent = log.Timers.Where(x => x.ToHarness == t.ToHarness && x.Family == t.Family).Select(static x => Convert.ToHexStringLower(x.Timer)).ToList();
                    var wanted = t.Encoded.Select(Convert.ToHexStringLower).ToList();
                    if (!SameHex(sent, wanted, t.Ordered))
                    {
                        problems.Add($"timers {(t.ToHarness ? "to_harness" : "from_harness")} '{t.Family}': expected [{string.Join(", ", wanted)}], actual [{string.Join(", ", sent)}]");
                    }

                    break;
                case ProtocolCheck.Checkpoints c:
                    problems.AddRange(CheckpointChecker.Problems(log.CheckpointEvents, c));
                    break;
                case ProtocolCheck.ResidualWatermarks w:
                    problems.AddRange(ResidualWatermarkChecker.Problems(log.ResidualWatermarks, w));
                    break;
                case ProtocolCheck.BundleFinalization f:
                    problems.AddRange(FinalizationChecker.Problems(log.BundleEvents, f.Finalized));
                    break;
                case ProtocolCheck.ElementSplits e:
                    var primaries = log.ElementSplits.Select(static x => x.Primary).ToList();
                    if (!primaries.SequenceEqual(e.Primary))
                    {
                        problems.Add($"element_splits primary: expected [{string.Join(", ", e.Primary.Select(ShowRange))}], actual [{string.Join(", ", primaries.Select(ShowRange))}]");
                    }

                    var residuals = log.ElementSplits.Select(static x => x.Residual).ToList();
                    if (e.Residual is { } expectedResiduals && !residuals.SequenceEqual(expectedResiduals))
                    {
                        problems.Add($"element_splits residual: expected [{string.Join(", ", expectedResiduals.Select(ShowRange))}], actual [{string.Join(", ", residuals.Select(ShowRange))}]");
                    }

                    break;
                case ProtocolCheck.Progress p:
                    problems.AddRange(ProgressChecker.Problems(log.ProgressAnswers, p));
                    break;
                case ProtocolCheck.LateRequests l:
                    var late = ProgressChecker.LateRequests(log.ControlStream);
                    if (!l.Count.Accepts(late.Count))
                    {
                        problems.Add($"late_requests: expected {l.Count}, actual {late.Count}: [{string.Join("; ", late)}]");
                    }

                    break;
                case ProtocolCheck.Instructions i:
                    var count = log.Instructions.Count(k => k == i.Kind);
                    if (!i.Count.Accepts(count))
                    {
                        problems.Add($"instructions {i.Kind}: expected {i.Count}, actual {count}");
                    }

                    break;
            }
        }

        return new CheckResult(problems);
    }

    private static string ShowRange((long From, long To)? range) =>
        range is { } r ? $"[{r.From}, {r.To}]" : "none";
    // The same hex strings, in the same order when ordered, else as multisets.
    private static bool SameHex(List<string> actual, List<string> expected, bool ordered) => ordered
        ? actual.SequenceEqual(expected, StringComparer.Ordinal)
        : actual.Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    // The same items in order; with prefix, the expected ones come first and more may follow.
    private static bool Matches<T>(List<T> actual, IReadOnlyList<T> expected, bool prefix) => prefix
        ? actual.Count >= expected.Count && actual.Take(expected.Count).SequenceEqual(expected)
        : actual.SequenceEqual(expected);

    private static string ShowSplit((long LastPrimary, long FirstResidual)? answer) =>
        answer is { } a ? $"[{a.LastPrimary}, {a.FirstResidual}]" : "none";
}
