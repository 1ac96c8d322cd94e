using Org.Apache.Beam.Model.JobManagement.V1;

namespace BeamConformance.ReferenceRunner.Execution;

/// <summary>Receives a job's messages (JobMessage of <c>beam_job_api.proto</c>) for GetMessageStream.</summary>
public interface IJobMessageSink
{
    /// <summary>Posts one message; the sink stamps the time and message id. Thread-safe.</summary>
    /// <param name="importance">JobMessage.MessageImportance, e.g. JOB_MESSAGE_ERROR for an SDK error.</param>
    /// <param name="text">The message text.</param>
    void Post(JobMessage.Types.MessageImportance importance, string text);
}
