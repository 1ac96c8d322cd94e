namespace BeamConformance.ReferenceRunner.FnApi;

/// <summary>Limits of the runner's Fn API services.</summary>
public sealed record FnApiOptions
{
    /// <summary>The default options.</summary>
    public static FnApiOptions Default { get; } = new();

    /// <summary>
    /// Most bytes of element data per <c>Elements.Data</c> message the runner sends (default 1 MiB). SDK workers
    /// refuse gRPC messages over 4 MiB, so keep this well below that. A single element larger than this is sent
    /// alone in its own message.
    /// </summary>
    public int MaxDataChunkBytes { get; init; } = 1 << 20;

    /// <summary>
    /// Most bytes of encoded values per <c>StateGetResponse</c> page (default 1 MiB); larger values are paged with
    /// continuation tokens, each page holding whole encoded elements.
    /// </summary>
    public int StatePageBytes { get; init; } = 1 << 20;
}
