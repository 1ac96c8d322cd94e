namespace BeamConformance.ReferenceRunner.FnApi;

/// <summary>
/// A state request that breaks the State API contract (a user-state key outside the bundle's keys, an append to a
/// side input, a state id the transform does not declare): the SDK gets <c>StateResponse.error</c> with the message
/// and the bundle fails with it, whatever the SDK answers afterwards.
/// </summary>
public sealed class StateRequestRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong, naming the request's state key.</param>
    public StateRequestRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StateRequestRejectedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="inner">The cause.</param>
    public StateRequestRejectedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
