namespace BeamConformance.ReferenceRunner.Execution.Internal.Timers;

/// <summary>The SDK's timer output of a bundle broke the contract: the bundle fails with this message.</summary>
internal sealed class TimerRejectedException : Exception
{
    public TimerRejectedException(string message)
        : base(message)
    {
    }

    public TimerRejectedException()
    {
    }

    public TimerRejectedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
