using BeamConformance.Conformance.Coders.Internal;
using BeamConformance.Model.Coders;

namespace BeamConformance.Conformance.Coders;

/// <summary>
/// Checks coder test vectors against this library's coders. For each example and context: the bytes must decode
/// to the YAML value; and unless the coder is marked <c>non_deterministic</c>, the YAML value must encode to exactly
/// the bytes.
/// </summary>
public static class CoderVectorChecker
{
    /// <summary>Checks every example of every document of a file.</summary>
    /// <exception cref="CoderVectorFormatException">The file does not follow the format.</exception>
    public static IReadOnlyList<CoderVectorResult> CheckFile(string path)
    {
        var documents = CoderVectorFile.Load(path);
        return documents.SelectMany(d => Check(d, path)).ToList();
    }

    /// <summary>Checks one document; one result per example per context.</summary>
    public static IReadOnlyList<CoderVectorResult> Check(CoderVectorDocument document, string source)
    {
        ArgumentNullException.ThrowIfNull(document);
        var results = new List<CoderVectorResult>();
        Coder? coder = null;
        string? buildError = null;
        try
        {
            coder = Build(document.Coder);
        }
        catch (CoderException e)
        {
            buildError = "cannot build coder: " + e.Message;
        }

        var contexts = document.Nested is { } nested ? [nested] : new[] { false, true };
        foreach (var example in document.Examples)
        {
            foreach (var context in contexts)
            {
                var failure = buildError ?? CheckExample(coder!, document.Coder.NonDeterministic, example, context);
                results.Add(new CoderVectorResult(source, example.Line, document.Coder.ToString(), context, ValueText.Hex(example.Encoded), failure));
            }
        }

        return results;
    }

    /// <summary>Builds the coder a vector describes, components first.</summary>
    /// <exception cref="CoderException">Wrong component count or invalid payload.</exception>
    public static Coder Build(CoderVectorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var components = spec.Components.Select(Build).ToArray();
        var ids = spec.Components.Select((_, i) => $"c{i}").ToArray();
        return CoderRegistry.Build(new CoderSpec(spec.Urn, spec.Payload, ids), components);
    }

    private static string? CheckExample(Coder coder, bool nonDeterministic, CoderVectorExample example, bool nested)
    {
        object? expected;
        try
        {
            expected = CoderVectorValues.ToModelValue(example.Value, coder);
        }
        catch (Exception e) when (e is CoderVectorFormatException or OverflowException)
        {
            return "bad example value: " + e.Message;
        }

        try
        {
            var decoded = coder.DecodeFrom(example.Encoded, nested);
            if (!ValueEquality.DeepEquals(decoded, expected))
            {
                return $"decoded {ValueText.Describe(decoded)}, expected {ValueText.Describe(expected)}";
            }
        }
        catch (CoderException e)
        {
            return "decode failed: " + e.Message;
        }

        if (nonDeterministic)
        {
            return null;
        }

        try
        {
            var encoded = coder.EncodeToArray(expected, nested);
            return encoded.AsSpan().SequenceEqual(example.Encoded)
                ? null
                : $"encoded as [{ValueText.Hex(encoded)}], expected [{ValueText.Hex(example.Encoded)}]";
        }
        catch (CoderException e)
        {
            return "encode failed: " + e.Message;
        }
    }
}
