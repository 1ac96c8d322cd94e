namespace BeamConformance.Engine;

/// <summary>Where a <see cref="JobEngine"/>'s job stands.</summary>
public enum JobStatus
{
    /// <summary>Work remains.</summary>
    Running = 0,

    /// <summary>Every watermark reached the max timestamp with nothing pending or in flight.</summary>
    Done = 1,

    /// <summary>A bundle failed or the job was cancelled.</summary>
    Failed = 2,
}
