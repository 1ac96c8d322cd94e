using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.FnApi;

/// <summary>
/// Answers the State API (<c>BeamFnState.State</c>) reads of one bundle. The Fn API services page the
/// answer into <c>StateGetResponse</c>s with continuation tokens.
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
}
