using BeamConformance.Engine;
using BeamConformance.Model;
using BeamConformance.Model.Coders;

namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>
/// A side input read by a transform of an <see cref="ExecutableStagePlan"/> over the State API
/// (<c>StateKey.IterableSideInput</c>, <c>MultimapSideInput</c>, <c>MultimapKeysSideInput</c>).
/// </summary>
/// <param name="TransformId">The consuming transform's id (<c>StateKey.*SideInput.transform_id</c>).</param>
/// <param name="LocalName">The side input's local name in the ParDo payload (<c>side_input_id</c>).</param>
/// <param name="PCollection">The engine PCollection holding the side input's elements.</param>
/// <param name="AccessPatternUrn"><c>beam:side_input:iterable:v1</c> or <c>beam:side_input:multimap:v1</c>.</param>
/// <param name="Coding">The side PCollection's wire coding (as the descriptor declares it, so stored bytes are returned as is).</param>
/// <remarks>
/// The runner stores a side input's elements as the bytes the SDK wrote and answers a read with them as they are:
/// iterable, the concatenated nested encodings of the elements (by <see cref="WireCoding.ElementCoder"/>); multimap,
/// the values of the KV elements whose key bytes equal the request's key; multimap keys, the distinct key bytes. Only
/// the window in the request is decoded, by <see cref="WindowCoder"/> (Execution/Internal/SideInputStateSource.cs).
/// </remarks>
public sealed record StageSideInput(string TransformId, string LocalName, PCollectionId PCollection, string AccessPatternUrn, WireCoding Coding)
{
    /// <summary>
    /// The side input's <c>window_mapping_fn</c> URN (e.g. <c>beam:window_mapping_fn:global:v1</c>,
    /// <c>beam:window_mapping_fn:identity:v1</c>); the SDK applies it, the engine uses it to know when a main window's
    /// side input is ready. Empty when not set.
    /// </summary>
    public string WindowMappingUrn { get; init; } = "";

    /// <summary>True for <c>beam:side_input:multimap:v1</c>.</summary>
    public bool IsMultimap => AccessPatternUrn == Urns.SideInputs.Multimap;

    /// <summary>The window coder of the side PCollection.</summary>
    public Coder WindowCoder => Coding.WindowCoder;
}
