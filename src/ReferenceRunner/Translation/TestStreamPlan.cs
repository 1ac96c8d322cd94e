using BeamConformance.Model.Coders;
using Google.Protobuf;
using TestStreamPayload = Org.Apache.Beam.Model.Pipeline.V1.TestStreamPayload;

namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>
/// A TestStream (<c>beam:transform:teststream:v1</c>) of a <see cref="FusedPipeline"/>, ready to run: its outputs as
/// engine sources, its events (or the TestStreamService endpoint to read them from) and the re-encoding of its elements.
/// </summary>
/// <remarks>
/// Elements: <c>TimestampedElement.encoded_element</c> is the value encoded by <c>TestStreamPayload.coder_id</c> in the
/// outer context (what Java's <c>CoderUtils.encodeToByteArray</c> and Python's <c>Coder.encode</c> produce);
/// <see cref="ToEngineBytes"/> turns it into the nested encoding by the output's wire coder (length-prefixed where the
/// runner does not know a coder), the bytes the engine holds and the data plane carries.
/// </remarks>
public sealed class TestStreamPlan
{
    private readonly Coder _sourceCoder;

    internal TestStreamPlan(string transformId, TestStreamPayload payload, IReadOnlyList<TestStreamOutput> outputs, Coder sourceCoder)
    {
        TransformId = transformId;
        Payload = payload;
        Outputs = outputs;
        _sourceCoder = sourceCoder;
    }

    /// <summary>The TestStream's transform id.</summary>
    public string TransformId { get; }

    /// <summary>The transform's payload as submitted.</summary>
    public TestStreamPayload Payload { get; }

    /// <summary>The outputs, in local-name order.</summary>
    public IReadOnlyList<TestStreamOutput> Outputs { get; }

    /// <summary>
    /// The TestStreamService endpoint (<c>host:port</c>) the events come from, or null when they are in
    /// <see cref="Payload"/>. When both are given the endpoint is used, as Python's FnApiRunner does.
    /// </summary>
    public string? Endpoint => Payload.Endpoint is { Url.Length: > 0 } endpoint ? endpoint.Url : null;

    /// <summary>
    /// The output an event's <c>tag</c> names: the output with that local name; the empty tag also names the only
    /// output of a TestStream with one output (Beam's SDKs send the empty tag for the main output; Prism's
    /// <c>testStreamHandler.TagsToPCollections</c> maps it the same way). Null when no output matches.
    /// </summary>
    public TestStreamOutput? OutputFor(string tag) =>
        Outputs.FirstOrDefault(o => o.Tag == tag) ?? (tag.Length == 0 && Outputs.Count == 1 ? Outputs[0] : null);

    /// <summary>The nested wire encoding of an <c>encoded_element</c> (see the remarks).</summary>
    /// <exception cref="CoderException">The bytes are not one value of the TestStream's coder (outer context).</exception>
    /// <param name="encodedElement">A <c>TimestampedElement.encoded_element</c>.</param>
    /// <param name="coding">The wire coding of the output it goes to.</param>
    public byte[] ToEngineBytes(ByteString encodedElement, WireCoding coding)
    {
        ArgumentNullException.ThrowIfNull(encodedElement);
        ArgumentNullException.ThrowIfNull(coding);
        var value = _sourceCoder.DecodeFrom(encodedElement.Span, nested: false);
        return coding.ElementCoder.EncodeToArray(value, nested: true);
    }

    /// <summary>Decodes an <c>encoded_element</c> with the TestStream's coder (outer context): the validation at Prepare.</summary>
    /// <exception cref="CoderException">The bytes are not one value of the coder.</exception>
    internal static void CheckDecodes(Coder coder, ByteString encodedElement) => _ = coder.DecodeFrom(encodedElement.Span, nested: false);
}
