namespace BeamConformance.Conformance.Checking.Internal;

/// <summary>
/// The <c>bundle_finalization</c> protocol check (<c>beam_fn_api.proto</c> <c>ProcessBundleResponse.requires_finalization</c>,
/// <c>FinalizeBundleRequest</c>) over the harness's ordered bundle events: a FinalizeBundleRequest only for a bundle
/// whose successful response asked for it and came first, at most one per bundle, one for every bundle that asked.
/// </summary>
internal static class FinalizationChecker
{
    /// <summary>Every violation, one line each; empty when the events conform and <paramref name="expected"/> bundles were finalized.</summary>
    public static List<string> Problems(IReadOnlyList<(string Kind, string Bundle, bool RequiresFinalization)> events, int expected)
    {
        var problems = new List<string>();
        var asked = new HashSet<string>(StringComparer.Ordinal);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var answered = new HashSet<string>(StringComparer.Ordinal);
        var finalized = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (kind, bundle, requires) in events)
        {
            switch (kind)
            {
                case "response":
                    // A retried attempt may reuse the instruction id: its latest answer is what counts.
                    answered.Add(bundle);
                    failed.Remove(bundle);
                    if (requires)
                    {
                        asked.Add(bundle);
                    }

                    break;
                case "failed":
                    failed.Add(bundle);
                    asked.Remove(bundle);
                    break;
                default:
                    var why = finalized.Contains(bundle) ? "it was already finalized"
                        : failed.Contains(bundle) ? "its attempt failed"
                        : asked.Contains(bundle) ? null
                        : answered.Contains(bundle) ? "its ProcessBundleResponse did not ask for finalization"
                        : "the harness had not answered it yet (finalized before its ProcessBundleResponse)";
                    if (why is not null)
                    {
                        problems.Add($"bundle_finalization: FinalizeBundleRequest for bundle '{bundle}', but {why}");
                    }

                    finalized.Add(bundle);
                    break;
            }
        }

        foreach (var bundle in asked.Where(b => !finalized.Contains(b)).Order(StringComparer.Ordinal))
        {
            problems.Add($"bundle_finalization: bundle '{bundle}' asked for finalization (requires_finalization) but got no FinalizeBundleRequest");
        }

        var done = finalized.Count(asked.Contains);
        if (done != expected)
        {
            problems.Add($"bundle_finalization: expected {expected} finalized bundle(s), actual {done}");
        }

        return problems;
    }
}
