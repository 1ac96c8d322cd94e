using Google.Protobuf;
using Event = Org.Apache.Beam.Model.Pipeline.V1.TestStreamPayload.Types.Event;
using TimestampedElement = Org.Apache.Beam.Model.Pipeline.V1.TestStreamPayload.Types.TimestampedElement;

namespace BeamConformance.ReferenceRunner.Tests.TestStreams;

/// <summary>TestStream events of <c>KV&lt;string, varint&gt;</c> elements (timestamps and durations in ms).</summary>
internal static class Events
{
    /// <summary>An ElementEvent: each (key, value, timestamp) encoded as KV&lt;string_utf8, varint&gt; in the outer context.</summary>
    public static Event Add(string tag, params (string Key, int Value, long At)[] elements)
    {
        var e = new Event.Types.AddElements { Tag = tag };
        foreach (var (key, value, at) in elements)
        {
            e.Elements.Add(new TimestampedElement { EncodedElement = Kv(key, value), Timestamp = at });
        }

        return new Event { ElementEvent = e };
    }

    public static Event Add(params (string Key, int Value, long At)[] elements) => Add("", elements);

    public static Event Watermark(long millis, string tag = "") => new() { WatermarkEvent = new() { NewWatermark = millis, Tag = tag } };

    public static Event ProcessingTime(long millis) => new() { ProcessingTimeEvent = new() { AdvanceDuration = millis } };

    /// <summary>KV&lt;string_utf8, varint&gt; bytes: the key's length (varint, keys under 128 bytes) and UTF-8, then the value (under 128).</summary>
    public static ByteString Kv(string key, int value)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(key);
        return ByteString.CopyFrom([(byte)utf8.Length, .. utf8, (byte)value]);
    }
}
