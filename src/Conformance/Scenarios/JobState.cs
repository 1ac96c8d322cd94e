namespace BeamConformance.Conformance.Scenarios;

/// <summary>beam_job_api.proto <c>JobState.Enum</c>, written in scenarios in upper case (<c>DONE</c>).</summary>
public enum JobState
{
    /// <summary>STOPPED.</summary>
    Stopped,

    /// <summary>RUNNING.</summary>
    Running,

    /// <summary>DONE.</summary>
    Done,

    /// <summary>FAILED.</summary>
    Failed,

    /// <summary>CANCELLED.</summary>
    Cancelled,

    /// <summary>UPDATED.</summary>
    Updated,

    /// <summary>DRAINING.</summary>
    Draining,

    /// <summary>DRAINED.</summary>
    Drained,

    /// <summary>STARTING.</summary>
    Starting,

    /// <summary>CANCELLING.</summary>
    Cancelling,

    /// <summary>UPDATING.</summary>
    Updating,
}
