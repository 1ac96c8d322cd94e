using System.Text;

namespace BeamConformance.Model.Coders;

/// <summary>
/// <c>beam:coder:string_utf8:v1</c>. Value: <see cref="string"/>. UTF-8 bytes framed like
/// <see cref="BytesCoder"/>; invalid UTF-8 is a <see cref="CoderException"/>, never a replacement character.
/// </summary>
public sealed class StringUtf8Coder : Coder<string>
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private StringUtf8Coder() : base(Urns.Coders.StringUtf8) { }

    /// <summary>The one instance.</summary>
    public static StringUtf8Coder Instance { get; } = new();

    /// <inheritdoc />
    public override void EncodeValue(string value, CoderWriter writer, bool nested)
    {
        ArgumentNullException.ThrowIfNull(writer);
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new CoderException(Urn, -1, "string is not valid UTF-16 (lone surrogate)", e);
        }

        BytesCoder.Write(bytes, writer, nested);
    }

    /// <inheritdoc />
    public override string DecodeValue(ref CoderReader reader, bool nested)
    {
        var start = reader.Position;
        var bytes = nested ? reader.ReadLengthPrefixed(Urn) : reader.ReadToEnd();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? reader.Position - bytes.Length + e.Index : start;
            throw new CoderException(Urn, at, "invalid UTF-8", e);
        }
    }
}
