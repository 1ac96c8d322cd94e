using System.Buffers;
using BeamConformance.Engine;
using BeamConformance.Model.Coders;
using BeamConformance.ReferenceRunner.FnApi;
using BeamConformance.ReferenceRunner.Translation;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>
/// Converts between engine <see cref="Element"/>s and the data plane's windowed values
/// (<c>beam:coder:windowed_value:v1</c>: timestamp, windows, pane, then the element's nested encoding).
/// </summary>
internal static class ElementWireCodec
{
    /// <summary>Encodes elements one per windowed value (one window each), packed into chunks.</summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Encode(IEnumerable<Element> elements, WireCoding coding, int maxChunkBytes)
    {
        var chunker = new ElementChunker(maxChunkBytes);
        var scratch = new ArrayBufferWriter<byte>(256);
        var writer = new CoderWriter(scratch);
        var windows = new Model.Windows.BoundedWindow[1];
        foreach (var element in elements)
        {
            scratch.ResetWrittenCount();
            windows[0] = element.Window;
            coding.WindowedValueCoder.WriteHeader(new WindowedValueHeader(element.TimestampMillis, windows, element.Pane), writer);
            var header = scratch.WrittenSpan;
            var target = chunker.Append(header.Length + element.Bytes.Length);
            header.CopyTo(target);
            element.Bytes.Span.CopyTo(target[header.Length..]);
        }

        return chunker.Complete();
    }

    /// <summary>
    /// Decodes a sink's data into engine elements, one per window of each windowed value, with the key length
    /// set when the coding is keyed.
    /// </summary>
    /// <exception cref="CoderException">The data does not decode with the sink's coder.</exception>
    public static List<Element> Decode(IReadOnlyList<ReadOnlyMemory<byte>> chunks, WireCoding coding)
    {
        var data = Join(chunks);
        var elements = new List<Element>();
        var position = 0;
        while (position < data.Length)
        {
            var reader = new CoderReader(data.Span[position..]);
            var header = coding.WindowedValueCoder.ReadHeader(ref reader);
            var start = reader.Position;
            coding.ElementCoder.Skip(ref reader, nested: true);
            var bytes = data.Slice(position + start, reader.Position - start);
            var keyLength = coding.KeyCoder?.MeasureNested(bytes.Span) ?? -1;
            // Indexed: a foreach over the IReadOnlyList would allocate an enumerator per windowed value.
            var windows = header.Windows;
            for (var w = 0; w < windows.Count; w++)
            {
                elements.Add(new Element(bytes, header.TimestampMillis, windows[w], header.Pane, keyLength));
            }

            position += reader.Position;
        }

        return elements;
    }

    private static ReadOnlyMemory<byte> Join(IReadOnlyList<ReadOnlyMemory<byte>> chunks)
    {
        if (chunks.Count == 1)
        {
            return chunks[0];
        }

        var joined = new byte[chunks.Sum(static c => c.Length)];
        var offset = 0;
        foreach (var chunk in chunks)
        {
            chunk.Span.CopyTo(joined.AsSpan(offset));
            offset += chunk.Length;
        }

        return joined;
    }
}
