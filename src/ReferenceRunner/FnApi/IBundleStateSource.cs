using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.FnApi;

/// <summary>
/// Answers the State API (<c>BeamFnState.State</c>) requests of one bundle. The Fn API services page the
/// answer of a read into <c>StateGetResponse</c>s with continuation tokens. Side inputs are read-only: by default
/// <see cref="Append"/> and <see cref="Clear"/> reject the request.
/// </summary>
public interface IBundleStateSource
{
    /// <summary>
    /// The values stored under a state key, each one encoded in the nested context as the SDK decodes them
    /// (e.g. the side input's value coder for <c>iterable_side_input</c>, its key coder for
    /// <c>multimap_keys_side_input</c>). The same key must give the same list while the bundle runs, since
    /// continuation tokens are positions in it.
    /// </summary>
    /// <param name="key">StateRequest.state_key.</param>
    /// <returns>The encoded values in order; empty when nothing is stored.</returns>
    /// <exception cref="Exception">Any exception: the SDK gets StateResponse.error with its message.</exception>
    IReadOnlyList<ReadOnlyMemory<byte>> Get(StateKey key);

    /// <summary>Appends <c>StateAppendRequest.data</c> (concatenated nested-encoded values) to the state named by <paramref name="key"/>.</summary>
    /// <param name="key">StateRequest.state_key.</param>
    /// <param name="data">The appended bytes, kept as sent.</param>
    /// <exception cref="StateRequestRejectedException">The state cannot be written (a side input, a key outside the bundle): the bundle fails.</exception>
    void Append(StateKey key, ReadOnlyMemory<byte> data) => throw StateRequestRejectedException.ReadOnlySideInput(key, append: true);

    /// <summary>Clears the state named by <paramref name="key"/> (for ordered-list state, its sort-key range).</summary>
    /// <param name="key">StateRequest.state_key.</param>
    /// <exception cref="StateRequestRejectedException">The state cannot be written (a side input, a key outside the bundle): the bundle fails.</exception>
    void Clear(StateKey key) => throw StateRequestRejectedException.ReadOnlySideInput(key, append: false);
}
