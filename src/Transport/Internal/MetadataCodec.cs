using System.Buffers.Text;

namespace BeamConformance.Transport.Internal;

/// <summary>Converts <see cref="Metadata"/> to and from HTTP/2 header fields (base64 for <c>-bin</c> keys).</summary>
internal static class MetadataCodec
{
    /// <summary>The header value of an entry: ASCII as is, bytes as unpadded base64.</summary>
    public static string EncodeValue(Metadata.Entry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;

    /// <summary>Adds one received header to <paramref name="metadata"/>, skipping transport headers.</summary>
    public static void AddHeader(Metadata metadata, string key, string? value)
    {
        if (value is null || GrpcProtocol.IsReservedHeader(key))
        {
            return;
        }

        var lower = key.ToLowerInvariant();
        if (lower.EndsWith(Metadata.BinaryHeaderSuffix, StringComparison.Ordinal))
        {
            // A binary header may carry several comma-separated base64 values.
            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                metadata.Add(lower, DecodeBase64(part));
            }

            if (value.Length == 0)
            {
                metadata.Add(lower, []);
            }
        }
        else
        {
            try
            {
                metadata.Add(lower, value);
            }
            catch (ArgumentException)
            {
                // A peer sent a value outside printable ASCII: keep the call alive and drop the entry.
            }
        }
    }

    private static byte[] DecodeBase64(string text)
    {
        var padded = (text.Length % 4) switch
        {
            2 => text + "==",
            3 => text + "=",
            _ => text,
        };
        return Base64.IsValid(padded) ? Convert.FromBase64String(padded) : [];
    }
}
