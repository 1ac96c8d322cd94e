namespace BeamConformance.Engine;

/// <summary>The answer of <see cref="JobEngine.GetNextBundle"/>.</summary>
public enum NextBundleKind
{
    /// <summary>A bundle is ready: run it.</summary>
    Ready = 0,

    /// <summary>Nothing is ready, but bundles are in flight: their commits may make work ready.</summary>
    WaitForCommit = 1,

    /// <summary>Every watermark reached the max timestamp and nothing is pending: the job succeeded.</summary>
    Done = 2,

    /// <summary>The job failed (a bundle failed or the runner cancelled it); see <see cref="NextBundle.Message"/>.</summary>
    Failed = 3,

    /// <summary>
    /// Nothing in flight, nothing ready, and not every watermark is at the max: the job cannot progress.
    /// <see cref="NextBundle.Message"/> holds the dump of every stage. For a job with an external input (TestStream)
    /// this is quiescence, and the runner injects its next event; otherwise it is a runner bug.
    /// </summary>
    Stuck = 4,
}
