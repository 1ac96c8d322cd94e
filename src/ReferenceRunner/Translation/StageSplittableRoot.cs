namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>
/// The splittable DoFn's Process part (<c>beam:transform:sdf_process_sized_element_and_restrictions:v1</c>) that starts
/// an <see cref="ExecutableStagePlan"/>: what element splits of the stage's bundles must name. Its main input is the
/// stage's one data input, elements <c>KV&lt;KV&lt;element, restriction&gt;, double size&gt;</c> (the restriction being
/// the SDK's <c>KV&lt;restriction, watermark-estimator state&gt;</c>).
/// </summary>
/// <param name="TransformId">The Process transform's id: <c>BundleApplication.transform_id</c> of primary and residual roots.</param>
/// <param name="InputLocalName">Its main input's local name: <c>BundleApplication.input_id</c>.</param>
/// <param name="OutputLocalNames">Its outputs' local names: the keys <c>BundleApplication.output_watermarks</c> may use.</param>
public sealed record StageSplittableRoot(string TransformId, string InputLocalName, IReadOnlyList<string> OutputLocalNames);
