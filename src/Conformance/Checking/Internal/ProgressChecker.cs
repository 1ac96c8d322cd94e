using System.Globalization;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Checking.Internal;

/// <summary>
/// The <c>progress</c> and <c>late_requests</c> protocol checks (<c>beam_fn_api.proto</c> ProcessBundleProgressRequest /
/// ProcessBundleSplitRequest; metrics.proto <c>beam:metric:ptransform_progress:completed:v1</c> / <c>remaining:v1</c>).
/// </summary>
internal static class ProgressChecker
{
    /// <summary>Every violation of a <c>progress</c> check, one line each.</summary>
    public static List<string> Problems(
        IReadOnlyList<(string Bundle, long? ReadIndex, IReadOnlyList<double> Completed, IReadOnlyList<double> Remaining)> answers, ProtocolCheck.Progress check)
    {
        var problems = new List<string>();
        var withWork = answers.Where(static a => a.Completed.Count > 0 || a.Remaining.Count > 0).ToList();
        foreach (var (bundle, _, completed, remaining) in withWork)
        {
            if (completed.Count != 1 || remaining.Count != 1 || completed.Concat(remaining).Any(static v => !double.IsFinite(v) || v < 0))
            {
                problems.Add($"progress: the answer for bundle '{bundle}' reports work completed [{Show(completed)}], remaining [{Show(remaining)}]; expected one finite value of each, at least 0");
            }
        }

        if (check.FirstWorkPerBundle is { } expected)
        {
            var actual = withWork.GroupBy(static a => a.Bundle, StringComparer.Ordinal)
                .Select(static g => g.First())
                .Select(static a => (a.ReadIndex ?? -2, a.Completed.FirstOrDefault(), a.Remaining.FirstOrDefault()))
                .ToList();
            if (!actual.SequenceEqual(expected))
            {
                problems.Add($"progress first_work_per_bundle: expected [{string.Join(", ", expected.Select(Show))}], actual [{string.Join(", ", actual.Select(Show))}]");
            }
        }

        if (check.AnswersAtLeast is { } least && withWork.Count < least)
        {
            problems.Add($"progress answers_at_least: expected at least {least} answers reporting work, actual {withWork.Count}");
        }

        return problems;
    }

    /// <summary>
    /// The progress and split requests that named a bundle already finished from the runner's side: arrived after a
    /// FinalizeBundleRequest for it, or after the answer of a bundle whose request arrived after the named bundle's answer.
    /// </summary>
    public static List<string> LateRequests(IReadOnlyList<(string Kind, string Instruction, string? Target)> stream)
    {
        var late = new List<string>();
        var answered = new HashSet<string>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var startedAfter = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (kind, instruction, target) in stream)
        {
            switch (kind)
            {
                case "process_bundle":
                    foreach (var done in answered)
                    {
                        startedAfter[instruction] = startedAfter.GetValueOrDefault(instruction) ?? new HashSet<string>(StringComparer.Ordinal);
                        startedAfter[instruction].Add(done);
                    }

                    break;
                case "response" or "failed":
                    answered.Add(instruction);
                    finished.UnionWith(startedAfter.GetValueOrDefault(instruction) ?? []);
                    break;
                case "finalize_bundle" when target is not null:
                    finished.Add(target);
                    break;
                case "process_bundle_progress" or "process_bundle_split" when target is not null && finished.Contains(target):
                    late.Add($"{kind} '{instruction}' for finished bundle '{target}'");
                    break;
            }
        }

        return late;
    }

    private static string Show(IReadOnlyList<double> values) => string.Join(", ", values.Select(static v => v.ToString(CultureInfo.InvariantCulture)));

    private static string Show((long ReadIndex, double Completed, double Remaining) w) =>
        string.Create(CultureInfo.InvariantCulture, $"[{w.ReadIndex}, {w.Completed}, {w.Remaining}]");
}
