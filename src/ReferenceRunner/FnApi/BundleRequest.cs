namespace BeamConformance.ReferenceRunner.FnApi;

/// <summary>One ProcessBundle instruction to run on a worker.</summary>
public sealed record BundleRequest
{
    /// <summary>The instruction id (unique on the worker); progress requests refer to it.</summary>
    public required string InstructionId { get; init; }

    /// <summary>ProcessBundleRequest.process_bundle_descriptor_id, registered with <see cref="WorkerConnection.RegisterDescriptor"/>.</summary>
    public required string DescriptorId { get; init; }

    /// <summary>The data for each data source of the descriptor; every source gets <c>is_last</c> after its chunks.</summary>
    public required IReadOnlyList<BundleDataInput> Inputs { get; init; }

    /// <summary>The data-sink transform ids whose <c>is_last</c> the bundle waits for.</summary>
    public required IReadOnlyList<string> SinkTransformIds { get; init; }

    /// <summary>Answers the bundle's state requests (side inputs, user state); null when the bundle has no state.</summary>
    public IBundleStateSource? StateSource { get; init; }

    /// <summary>
    /// <c>ProcessBundleRequest.cache_tokens</c>: under which tokens the SDK may cache state across bundles (a stateful
    /// stage's user-state token, which changes whenever state changed behind the SDK's back). Empty: no caching.
    /// </summary>
    public IReadOnlyList<Org.Apache.Beam.Model.FnExecution.V1.ProcessBundleRequest.Types.CacheToken> CacheTokens { get; init; } = [];

    /// <summary>Runs between the ProcessBundleRequest and the first data (see <see cref="BeforeInputsHandler"/>); null for nothing.</summary>
    public BeforeInputsHandler? BeforeInputs { get; init; }

    /// <summary>
    /// Runs after the bundle's last data (<c>is_last</c>) is sent, while the SDK processes it (the ReferenceRunner asks
    /// splits of a splittable DoFn's bundles here, so that the SDK can split inside an element); the same contract as
    /// <see cref="BeforeInputs"/> otherwise; null for nothing.
    /// </summary>
    public BeforeInputsHandler? AfterInputs { get; init; }
}
