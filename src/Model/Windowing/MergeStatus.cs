namespace BeamConformance.Model.Windowing;

/// <summary>Whether a strategy's windows still need merging (<c>beam_runner_api.proto</c> <c>MergeStatus.Enum</c>).</summary>
public enum MergeStatus
{
    /// <summary>The window fn never merges (<c>NON_MERGING</c>; global, fixed, sliding).</summary>
    NonMerging = 0,

    /// <summary>The window fn merges and a GroupByKey must merge its windows (<c>NEEDS_MERGE</c>; sessions).</summary>
    NeedsMerge = 1,

    /// <summary>The windows come out of a GroupByKey that already merged them (<c>ALREADY_MERGED</c>).</summary>
    AlreadyMerged = 2,
}
