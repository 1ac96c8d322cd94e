namespace BeamConformance.ReferenceRunner.FnApi;

/// <summary>
/// The data the runner sends to one data source (a <c>beam:runner:source:v1</c> transform) of a bundle.
/// </summary>
/// <param name="TransformId">The data-source transform id inside the ProcessBundleDescriptor.</param>
/// <param name="Chunks">
/// The encoded elements (windowed values in the nested context, concatenated), cut at element boundaries;
/// each chunk goes out as one <c>Elements.Data</c> message (see <see cref="ElementChunker"/>).
/// </param>
public sealed record BundleDataInput(string TransformId, IReadOnlyList<ReadOnlyMemory<byte>> Chunks);
