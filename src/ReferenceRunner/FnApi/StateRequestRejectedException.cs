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

    /// <summary>The rejection of an append or a clear of a side input (side inputs are read-only).</summary>
    /// <param name="key">The request's state key.</param>
    /// <param name="append">True for an append, false for a clear.</param>
    internal static StateRequestRejectedException ReadOnlySideInput(Org.Apache.Beam.Model.FnExecution.V1.StateKey key, bool append) => append
        ? new($"append to {key.TypeCase} state: side inputs are read-only (StateAppendRequest is for user state)")
        : new($"clear of {key.TypeCase} state: side inputs are read-only (StateClearRequest is for user state)");

    /// <summary>True for the side-input kinds of state key (iterable, multimap, multimap keys, multimap keys and values).</summary>
    internal static bool IsSideInput(Org.Apache.Beam.Model.FnExecution.V1.StateKey key) => key.TypeCase is
        Org.Apache.Beam.Model.FnExecution.V1.StateKey.TypeOneofCase.IterableSideInput
        or Org.Apache.Beam.Model.FnExecution.V1.StateKey.TypeOneofCase.MultimapSideInput
        or Org.Apache.Beam.Model.FnExecution.V1.StateKey.TypeOneofCase.MultimapKeysSideInput
        or Org.Apache.Beam.Model.FnExecution.V1.StateKey.TypeOneofCase.MultimapKeysValuesSideInput;
}
