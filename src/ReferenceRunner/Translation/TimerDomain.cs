namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>The time domain of a user timer family (<c>beam_runner_api.proto</c> <c>TimeDomain.Enum</c>).</summary>
public enum TimerDomain
{
    /// <summary><c>EVENT_TIME</c>: fires when the stage's input watermark passes the fire timestamp.</summary>
    EventTime,

    /// <summary><c>PROCESSING_TIME</c>: fires when the job's processing-time clock reaches the fire timestamp.</summary>
    ProcessingTime,
}
