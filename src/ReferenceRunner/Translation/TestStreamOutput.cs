using BeamConformance.Engine;

namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>One output of a TestStream: the engine source (<see cref="StageKind.ExternalInput"/>) that feeds it.</summary>
/// <param name="Tag">The output's local name in the TestStream's <c>PTransform.outputs</c> (what events name in <c>tag</c>).</param>
/// <param name="Stage">The engine's external-input stage for this output: <c>{transformId}</c> when the TestStream has one
/// output, <c>{transformId}:{tag}</c> otherwise.</param>
/// <param name="PCollection">The output PCollection (its wire coding: <see cref="FusedPipeline.CodingOf"/>).</param>
public sealed record TestStreamOutput(string Tag, StageId Stage, PCollectionId PCollection);
