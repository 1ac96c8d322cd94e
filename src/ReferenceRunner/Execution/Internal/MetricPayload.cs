using System.Buffers;
using BeamConformance.Model;
using BeamConformance.Model.Coders;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>
/// Decodes, merges and encodes MonitoringInfo payloads by type URN (metrics.proto MonitoringInfoTypeUrns):
/// varints are beam:coder:varint:v1, doubles big-endian IEEE 754.
/// An int64 distribution may also come in the layout the Beam TypeScript SDK (2.49.0) writes and reads back: a 4-byte
/// big-endian element count 4 (as beam:coder:iterable:v1 frames it) before the four varints. It is decoded as the same
/// distribution and encoded back in that layout, so that SDK reads its committed distributions.
/// </summary>
internal static class MetricPayload
{
    public const string SumInt64Type = Urns.MonitoringInfoTypes.SumInt64;
    public const string SumDoubleType = Urns.MonitoringInfoTypes.SumDouble;
    public const string DistributionInt64Type = Urns.MonitoringInfoTypes.DistributionInt64;
    public const string DistributionDoubleType = Urns.MonitoringInfoTypes.DistributionDouble;
    public const string LatestInt64Type = Urns.MonitoringInfoTypes.LatestInt64;
    public const string LatestDoubleType = Urns.MonitoringInfoTypes.LatestDouble;

    public static Value Decode(MonitoringInfo info)
    {
        var bytes = info.Payload.Span;
        if (info.Type == DistributionInt64Type && TryReadIterableFramedDistribution(bytes) is { } framed)
        {
            return framed;
        }

        try
        {
            var reader = new CoderReader(bytes);
            Value value = info.Type switch
            {
                SumInt64Type => new LongSum(reader.ReadVarInt64(info.Type)),
                SumDoubleType => new DoubleSum(reader.ReadDouble(info.Type)),
                DistributionInt64Type => ReadLongDistribution(ref reader, info.Type),
                DistributionDoubleType => ReadDoubleDistribution(ref reader, info.Type),
                LatestInt64Type => new LatestLong(reader.ReadVarInt64(info.Type), reader.ReadVarInt64(info.Type)),
                LatestDoubleType => new LatestDouble(reader.ReadVarInt64(info.Type), reader.ReadDouble(info.Type)),
                _ => new Opaque(bytes.ToArray()),
            };
            if (value is not Opaque && !reader.AtEnd)
            {
                throw new CoderException(info.Type, reader.Position, $"{reader.Remaining} byte(s) left over");
            }

            return value;
        }
        catch (CoderException e)
        {
            throw new ArgumentException($"MonitoringInfo {info.Urn} {FormatLabels(info)}: payload {Convert.ToHexString(bytes)} is not a valid {info.Type}: {e.Message}", e);
        }
    }

    public static Value Merge(Value a, Value b) => (a, b) switch
    {
        (LongSum x, LongSum y) => new LongSum(unchecked(x.Sum + y.Sum)),
        (DoubleSum x, DoubleSum y) => new DoubleSum(x.Sum + y.Sum),
        (LongDistribution x, LongDistribution y) when x.Count == 0 => y with { IterableFramed = x.IterableFramed || y.IterableFramed },
        (LongDistribution x, LongDistribution y) when y.Count == 0 => x with { IterableFramed = x.IterableFramed || y.IterableFramed },
        (LongDistribution x, LongDistribution y) => new LongDistribution(x.Count + y.Count, unchecked(x.Sum + y.Sum), Math.Min(x.Min, y.Min), Math.Max(x.Max, y.Max)) { IterableFramed = x.IterableFramed || y.IterableFramed },
        (DoubleDistribution x, DoubleDistribution y) when x.Count == 0 => y,
        (DoubleDistribution x, DoubleDistribution y) when y.Count == 0 => x,
        (DoubleDistribution x, DoubleDistribution y) => new DoubleDistribution(x.Count + y.Count, x.Sum + y.Sum, Math.Min(x.Min, y.Min), Math.Max(x.Max, y.Max)),
        (LatestLong x, LatestLong y) => y.TimestampMillis >= x.TimestampMillis ? y : x,
        (LatestDouble x, LatestDouble y) => y.TimestampMillis >= x.TimestampMillis ? y : x,
        _ => b,
    };

    public static byte[] Encode(Value value)
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        var writer = new CoderWriter(buffer);
        switch (value)
        {
            case LongSum s:
                writer.WriteVarInt64(s.Sum);
                break;
            case DoubleSum s:
                writer.WriteDouble(s.Sum);
                break;
            case LongDistribution d:
                if (d.IterableFramed)
                {
                    writer.WriteRaw(IterableFrameOfFour);
                }

                writer.WriteVarInt64(d.Count);
                writer.WriteVarInt64(d.Sum);
                writer.WriteVarInt64(d.Min);
                writer.WriteVarInt64(d.Max);
                break;
            case DoubleDistribution d:
                writer.WriteVarInt64(d.Count);
                writer.WriteDouble(d.Sum);
                writer.WriteDouble(d.Min);
                writer.WriteDouble(d.Max);
                break;
            case LatestLong l:
                writer.WriteVarInt64(l.TimestampMillis);
                writer.WriteVarInt64(l.Latest);
                break;
            case LatestDouble l:
                writer.WriteVarInt64(l.TimestampMillis);
                writer.WriteDouble(l.Latest);
                break;
            case Opaque o:
                writer.WriteRaw(o.Bytes);
                break;
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The 4-byte big-endian element count 4 the TypeScript SDK writes before a distribution's four varints.</summary>
    private static ReadOnlySpan<byte> IterableFrameOfFour => [0, 0, 0, 4];

    /// <summary>
    /// The TypeScript SDK's layout: frame 00 00 00 04 then exactly four varints (count, sum, min, max). A standard
    /// payload cannot look like that: it would be count 0, sum 0, min 0, max 4 followed by more bytes.
    /// </summary>
    private static LongDistribution? TryReadIterableFramedDistribution(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8 || !bytes[..4].SequenceEqual(IterableFrameOfFour))
        {
            return null;
        }

        try
        {
            var reader = new CoderReader(bytes[4..]);
            var values = new long[4];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.ReadVarInt64(DistributionInt64Type);
            }

            return reader.AtEnd
                ? values[0] == 0 ? new LongDistribution(0, 0, long.MaxValue, long.MinValue) { IterableFramed = true } : new LongDistribution(values[0], values[1], values[2], values[3]) { IterableFramed = true }
                : null;
        }
        catch (CoderException)
        {
            return null;
        }
    }

    private static LongDistribution ReadLongDistribution(ref CoderReader reader, string type)
    {
        var count = reader.ReadVarInt64(type);
        if (count == 0)
        {
            _ = reader.ReadToEnd(); // with count 0 the rest may be present and is ignored
            return new LongDistribution(0, 0, long.MaxValue, long.MinValue);
        }

        return new LongDistribution(count, reader.ReadVarInt64(type), reader.ReadVarInt64(type), reader.ReadVarInt64(type));
    }

    private static DoubleDistribution ReadDoubleDistribution(ref CoderReader reader, string type)
    {
        var count = reader.ReadVarInt64(type);
        if (count == 0)
        {
            _ = reader.ReadToEnd();
            return new DoubleDistribution(0, 0, double.PositiveInfinity, double.NegativeInfinity);
        }

        return new DoubleDistribution(count, reader.ReadDouble(type), reader.ReadDouble(type), reader.ReadDouble(type));
    }

    private static string FormatLabels(MonitoringInfo info) =>
        "{" + string.Join(", ", info.Labels.OrderBy(static l => l.Key, StringComparer.Ordinal).Select(static l => $"{l.Key}={l.Value}")) + "}";

    /// <summary>A decoded payload.</summary>
    internal abstract record Value;

    internal sealed record LongSum(long Sum) : Value;

    internal sealed record DoubleSum(double Sum) : Value;

    /// <summary>An int64 distribution; <c>IterableFramed</c>: it came in (and goes back out in) the TypeScript SDK's framed layout.</summary>
    internal sealed record LongDistribution(long Count, long Sum, long Min, long Max) : Value
    {
        public bool IterableFramed { get; init; }
    }

    internal sealed record DoubleDistribution(long Count, double Sum, double Min, double Max) : Value;

    internal sealed record LatestLong(long TimestampMillis, long Latest) : Value;

    internal sealed record LatestDouble(long TimestampMillis, double Latest) : Value;

    internal sealed record Opaque(byte[] Bytes) : Value;
}
