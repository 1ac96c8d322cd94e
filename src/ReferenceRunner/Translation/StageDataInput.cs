using BeamConformance.Engine;

namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>
/// A main input of an <see cref="ExecutableStagePlan"/>: the engine PCollection whose elements the runner
/// sends to the SDK, on the data stream addressed to <see cref="TransformId"/> (a <c>beam:runner:source:v1</c>
/// transform of the descriptor).
/// </summary>
/// <param name="PCollection">The engine PCollection read (a key of the engine bundle's inputs).</param>
/// <param name="TransformId">The id of the data-source transform in the ProcessBundleDescriptor (<c>Elements.Data.transform_id</c>).</param>
/// <param name="Coding">How the elements are encoded on that stream.</param>
public sealed record StageDataInput(PCollectionId PCollection, string TransformId, WireCoding Coding);
