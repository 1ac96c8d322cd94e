using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Conformance.Running.Internal;

/// <summary>
/// The composite-shaping scenario keys (testdata/README.md, "Composites"): a transform's own <c>subtransforms</c>,
/// <c>wrapped_in</c> nesting and the pipeline's <c>empty_composites</c>.
/// </summary>
internal static class Composites
{
    /// <summary>
    /// Makes <paramref name="subtransforms"/> the only subtransforms of <paramref name="id"/>, removing the parts the
    /// builder made for it (a combine's or Reshuffle's expansion, recursively).
    /// </summary>
    public static void SetSubtransforms(Components components, string id, IReadOnlyList<string> subtransforms)
    {
        var transform = components.Transforms[id];
        foreach (var made in transform.Subtransforms)
        {
            Remove(components, made);
        }

        transform.Subtransforms.Clear();
        transform.Subtransforms.Add(subtransforms);
    }

    /// <summary>
    /// Wraps <paramref name="id"/> in <paramref name="depth"/> nested composites <c>ID/wrap1</c> (holding it) ..
    /// <c>ID/wrapN</c>, each without spec and with the transform's inputs and outputs; returns the outermost id
    /// (<paramref name="id"/> itself when <paramref name="depth"/> is 0).
    /// </summary>
    public static string Wrap(Components components, string id, int depth)
    {
        var inner = id;
        var transform = components.Transforms[id];
        for (var level = 1; level <= depth; level++)
        {
            var wrapper = $"{id}/wrap{level.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            var composite = new PTransform { UniqueName = wrapper, Subtransforms = { inner } };
            composite.Inputs.Add(transform.Inputs);
            composite.Outputs.Add(transform.Outputs);
            components.Transforms[wrapper] = composite;
            inner = wrapper;
        }

        return inner;
    }

    /// <summary>Adds <paramref name="count"/> composites <c>empty/1</c>.. with no spec, inputs, outputs or subtransforms.</summary>
    public static void AddEmpty(Components components, int count)
    {
        for (var n = 1; n <= count; n++)
        {
            var id = $"empty/{n.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            components.Transforms[id] = new PTransform { UniqueName = id };
        }
    }

    private static void Remove(Components components, string id)
    {
        if (components.Transforms.Remove(id, out var made))
        {
            foreach (var part in made.Subtransforms)
            {
                Remove(components, part);
            }
        }
    }
}
