using BeamConformance.Model.Windows;

namespace BeamConformance.Model.Coders;

/// <summary>
/// <c>beam:coder:param_windowed_value:v1</c>. Value: <see cref="WindowedValue{T}"/> of <see cref="object"/>.
/// Only the element is encoded (in the enclosing context); decoding assigns the timestamp, windows and pane
/// that the payload fixes. Encoding ignores the metadata of the value given, as Beam's SDKs do.
/// </summary>
/// <remarks>The payload is a windowed value encoded by <c>windowed_value(bytes, window coder)</c> in the nested
/// context; only its metadata is used.</remarks>
public sealed class ParamWindowedValueCoder : Coder<WindowedValue<object?>>
{
    /// <summary>Creates the coder from its payload.</summary>
    /// <exception cref="CoderException">The payload is not a valid encoded windowed value.</exception>
    public ParamWindowedValueCoder(Coder valueCoder, Coder windowCoder, ReadOnlySpan<byte> payload)
        : base(Urns.Coders.ParamWindowedValue, [valueCoder ?? throw new ArgumentNullException(nameof(valueCoder)), windowCoder ?? throw new ArgumentNullException(nameof(windowCoder))])
    {
        ValueCoder = valueCoder;
        var reader = new CoderReader(payload);
        try
        {
            Header = new WindowedValueCoder(BytesCoder.Instance, windowCoder).ReadHeader(ref reader);
        }
        catch (CoderException e)
        {
            throw new CoderException(Urn, e.Offset, "invalid payload: " + e.Problem, e);
        }
    }

    /// <summary>Creates the coder from the fixed metadata directly.</summary>
    public ParamWindowedValueCoder(Coder valueCoder, Coder windowCoder, WindowedValueHeader header)
        : base(Urns.Coders.ParamWindowedValue, [valueCoder ?? throw new ArgumentNullException(nameof(valueCoder)), windowCoder ?? throw new ArgumentNullException(nameof(windowCoder))])
    {
        ValueCoder = valueCoder;
        Header = header;
    }

    /// <summary>The element component.</summary>
    public Coder ValueCoder { get; }

    /// <summary>The fixed timestamp, windows and pane.</summary>
    public WindowedValueHeader Header { get; }

    /// <summary>Builds the payload for <paramref name="header"/>: nested <c>windowed_value(bytes, windowCoder)</c> of empty bytes.</summary>
    public static byte[] EncodePayload(WindowedValueHeader header, Coder windowCoder) =>
        new WindowedValueCoder(BytesCoder.Instance, windowCoder)
            .EncodeToArray(new WindowedValue<object?>(Array.Empty<byte>(), header.TimestampMillis, header.Windows, header.Pane), nested: true);

    /// <inheritdoc />
    public override void EncodeValue(WindowedValue<object?> value, CoderWriter writer, bool nested)
    {
        ArgumentNullException.ThrowIfNull(value);
        ValueCoder.Encode(value.Value, writer, nested);
    }

    /// <inheritdoc />
    public override WindowedValue<object?> DecodeValue(ref CoderReader reader, bool nested) =>
        new(ValueCoder.Decode(ref reader, nested), Header.TimestampMillis, Header.Windows, Header.Pane);

    /// <inheritdoc />
    public override void Skip(ref CoderReader reader, bool nested) => ValueCoder.Skip(ref reader, nested);
}
