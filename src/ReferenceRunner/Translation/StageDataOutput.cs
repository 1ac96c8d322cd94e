using BeamConformance.Engine;

namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>
/// An output of an <see cref="ExecutableStagePlan"/>: the SDK sends the elements of one PCollection on the data
/// stream from <see cref="TransformId"/> (a <c>beam:runner:sink:v1</c> transform of the descriptor), and the runner
/// commits them to the engine PCollection <see cref="PCollection"/>.
/// </summary>
/// <param name="PCollection">The engine PCollection written (usually the pipeline's PCollection id; a derived id when the
/// same PCollection is also written in another encoding, e.g. in a Flatten's output coder).</param>
/// <param name="TransformId">The id of the data-sink transform in the ProcessBundleDescriptor (<c>Elements.Data.transform_id</c>).</param>
/// <param name="Coding">How the elements are encoded on that stream; <see cref="WireCoding.KeyCoder"/> is set when the engine needs key lengths.</param>
public sealed record StageDataOutput(PCollectionId PCollection, string TransformId, WireCoding Coding);
