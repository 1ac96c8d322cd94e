using BeamConformance.Engine;
using BeamConformance.Model.Coders;
using BeamConformance.ReferenceRunner.Translation;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>
/// Checks the primary and residual roots of an element split of a splittable DoFn's bundle
/// (<c>ProcessBundleSplitResponse.primary_roots</c> / <c>residual_roots</c>, <c>beam_fn_api.proto</c>) and turns the
/// residual into the engine's <see cref="ResidualRoot"/>. Both roots must name the stage's Process transform and its main
/// input, hold one windowed value (one window) that decodes with the input's wire coder (the sized element
/// <c>KV&lt;KV&lt;element, restriction&gt;, size&gt;</c>, restriction included), and be for the element being split: the
/// same element bytes, timestamp and window as the bundle's element at the split index. The residual holds the output
/// watermark at its lowest <c>output_watermarks</c> entry (each keyed by an output of the transform), else at its timestamp.
/// </summary>
internal static class ElementSplitRoots
{
    /// <summary>The residual root for the engine.</summary>
    /// <param name="answer">The SDK's answer, with exactly one primary and one residual root.</param>
    /// <param name="splittable">The stage's Process part.</param>
    /// <param name="input">The stage's data input (its PCollection and wire coding).</param>
    /// <param name="split">The element being split: its index in the bundle and the engine element.</param>
    /// <param name="inconsistent">Makes the error naming the instruction (prefix) and the field.</param>
    /// <exception cref="InvalidSplitException">A root is inconsistent.</exception>
    public static ResidualRoot Read(
        ProcessBundleSplitResponse answer, StageSplittableRoot splittable, StageDataInput input, (long Index, Element Element) split, Func<string, InvalidSplitException> inconsistent)
    {
        var primary = Decode(answer.PrimaryRoots[0], "primary_roots[0]", splittable, input, inconsistent);
        CheckSame(primary, "primary_roots[0]");
        var residualApplication = answer.ResidualRoots[0].Application
            ?? throw inconsistent("residual_roots[0].application is missing");
        var residual = Decode(residualApplication, "residual_roots[0].application", splittable, input, inconsistent);
        CheckSame(residual, "residual_roots[0].application");
        return new ResidualRoot(input.PCollection, residual, Hold(residualApplication, residual, "residual_roots[0].application", splittable, inconsistent));

        void CheckSame(Element element, string field)
        {
            if (!SameElement(element, split.Element, input.Coding))
            {
                throw inconsistent($"{field}.element is not for the element being split (element {split.Index} of the bundle): its element, timestamp or window differs");
            }
        }
    }

    /// <summary>
    /// The output watermark hold of a residual (ms): its lowest <c>output_watermarks</c> entry (each must name an output of
    /// the splittable transform), else its timestamp.
    /// </summary>
    /// <exception cref="InvalidSplitException">An entry names something that is not an output of the transform.</exception>
    public static long Hold(BundleApplication application, Element residual, string field, StageSplittableRoot splittable, Func<string, InvalidSplitException> inconsistent)
    {
        if (application.OutputWatermarks.Count == 0)
        {
            return residual.TimestampMillis;
        }

        foreach (var output in application.OutputWatermarks.Keys.Where(o => !splittable.OutputLocalNames.Contains(o)))
        {
            throw inconsistent($"{field}.output_watermarks names '{output}', which is not an output of transform '{splittable.TransformId}' ({string.Join(", ", splittable.OutputLocalNames)})");
        }

        return application.OutputWatermarks.Values.Min(static t => (t.Seconds * 1000) + (t.Nanos / 1_000_000));
    }

    /// <summary>
    /// A root's element: it must name the splittable transform and its main input and hold one windowed value (one
    /// window) that decodes with the input's wire coder (element, restriction and size).
    /// </summary>
    /// <exception cref="InvalidSplitException">It does not.</exception>
    public static Element Decode(BundleApplication root, string field, StageSplittableRoot splittable, StageDataInput input, Func<string, InvalidSplitException> inconsistent)
    {
        if (root.TransformId != splittable.TransformId)
        {
            throw inconsistent($"{field}.transform_id '{root.TransformId}' is not the splittable transform '{splittable.TransformId}' of the bundle");
        }

        if (root.InputId != splittable.InputLocalName)
        {
            throw inconsistent($"{field}.input_id '{root.InputId}' is not the main input '{splittable.InputLocalName}' of transform '{splittable.TransformId}'");
        }

        List<Element> decoded;
        try
        {
            decoded = ElementWireCodec.Decode([root.Element.Memory], input.Coding);
            foreach (var value in decoded)
            {
                _ = input.Coding.ElementCoder.DecodeFrom(value.Bytes.ToArray(), nested: true);
            }
        }
        catch (CoderException e)
        {
            throw inconsistent($"{field}.element ({root.Element.Length} bytes) does not decode with the input's coder {input.Coding.WindowedValueCoder} (element, restriction and size): {e.Message}");
        }

        return decoded.Count == 1 ? decoded[0] : throw inconsistent($"{field}.element holds {decoded.Count} values in windows; one (one window) was expected");
    }

    // Same element part (the first component of KV<KV<element, restriction>, size>), timestamp and window.
    private static bool SameElement(Element root, Element current, WireCoding coding)
    {
        if (root.TimestampMillis != current.TimestampMillis || !root.Window.Equals(current.Window) || coding.KeyCoder is not { } pair)
        {
            return false;
        }

        var elementCoder = pair.Components[0];
        var a = root.Bytes.Span;
        var b = current.Bytes.Span;
        return a[..elementCoder.MeasureNested(a)].SequenceEqual(b[..elementCoder.MeasureNested(b)]);
    }
}
