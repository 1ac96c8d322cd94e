using Org.Apache.Beam.Model.JobManagement.V1;

namespace BeamConformance.ReferenceRunner.Jobs.Internal;

/// <summary>Facts about JobState.Enum of <c>beam_job_api.proto</c>.</summary>
internal static class JobStates
{
    /// <summary>
    /// True for the states a job never leaves: DONE, FAILED, CANCELLED, UPDATED, DRAINED (the terminal
    /// states listed in the proto's JobState documentation).
    /// </summary>
    public static bool IsTerminal(JobState.Types.Enum state) => state is
        JobState.Types.Enum.Done or JobState.Types.Enum.Failed or JobState.Types.Enum.Cancelled
        or JobState.Types.Enum.Updated or JobState.Types.Enum.Drained;
}
