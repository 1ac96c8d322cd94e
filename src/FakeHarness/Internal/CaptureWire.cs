using BeamConformance.Capture.V1;
using BeamConformance.Model;
using BeamConformance.Model.Windows;
using Google.Protobuf;
using ProtoIntervalWindow = BeamConformance.Capture.V1.IntervalWindow;
using ProtoWindow = BeamConformance.Capture.V1.Window;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>Converts captures to and from the <c>beamconformance.v1</c> capture messages.</summary>
internal static class CaptureWire
{
    public static CapturedValue ToWire(CaptureRecord record)
    {
        var wire = new CapturedValue
        {
            RunId = record.RunId,
            Transform = record.Transform,
            Value = ToWireValue(record.Value),
            TimestampMs = record.TimestampMillis,
            InstructionId = record.InstructionId,
            Pane = new Pane
            {
                IsFirst = record.Pane.IsFirst,
                IsLast = record.Pane.IsLast,
                Timing = (int)record.Pane.Timing,
                Index = record.Pane.Index,
                OnTimeIndex = record.Pane.OnTimeIndex,
            },
        };
        foreach (var window in record.Windows)
        {
            wire.Windows.Add(window switch
            {
                GlobalWindow => new ProtoWindow { Global = true },
                Model.Windows.IntervalWindow w => new ProtoWindow { Interval = new ProtoIntervalWindow { StartMs = w.StartMillis, EndMs = w.EndMillis } },
                _ => throw new FormatException($"window {window} cannot be sent to the capture service"),
            });
        }

        return wire;
    }

    /// <exception cref="FormatException">A value, window or pane is malformed.</exception>
    public static CaptureRecord FromWire(CapturedValue wire)
    {
        var windows = wire.Windows.Select(w => w.KindCase switch
        {
            ProtoWindow.KindOneofCase.Global => (BoundedWindow)GlobalWindow.Instance,
            ProtoWindow.KindOneofCase.Interval => new Model.Windows.IntervalWindow(w.Interval.StartMs, w.Interval.EndMs),
            _ => throw new FormatException("a window has no kind"),
        }).ToArray();
        var pane = wire.Pane ?? throw new FormatException("a captured value has no pane");
        if (pane.Timing is < 0 or > 3)
        {
            throw new FormatException($"pane timing {pane.Timing} is not 0-3");
        }

        return new CaptureRecord(
            wire.RunId,
            wire.Transform,
            FromWireValue(wire.Value),
            wire.TimestampMs,
            windows,
            new PaneInfo(pane.IsFirst, pane.IsLast, (PaneTiming)pane.Timing, pane.Index, pane.OnTimeIndex),
            wire.InstructionId);
    }

    public static Value ToWireValue(object? value) => value switch
    {
        null => new Value { Null = true },
        long l => new Value { Varint = l },
        string s => new Value { StringUtf8 = s },
        byte[] b => new Value { Bytes = ByteString.CopyFrom(b) },
        double d => new Value { Double = d },
        bool b => new Value { Bool = b },
        KV kv => new Value { Kv = new KeyValue { Key = ToWireValue(kv.Key), Value = ToWireValue(kv.Value) } },
        IEnumerable<object?> list => new Value { Iterable = ToWireList(list) },
        _ => throw new FormatException($"a {value.GetType().Name} value cannot be sent to the capture service"),
    };

    private static ValueList ToWireList(IEnumerable<object?> values)
    {
        var list = new ValueList();
        list.Values.AddRange(values.Select(ToWireValue));
        return list;
    }

    public static object? FromWireValue(Value? value) => value?.KindCase switch
    {
        Value.KindOneofCase.Null => null,
        Value.KindOneofCase.Varint => value.Varint,
        Value.KindOneofCase.StringUtf8 => value.StringUtf8,
        Value.KindOneofCase.Bytes => value.Bytes.ToByteArray(),
        Value.KindOneofCase.Double => value.Double,
        Value.KindOneofCase.Bool => value.Bool,
        Value.KindOneofCase.Kv => new KV(FromWireValue(value.Kv.Key), FromWireValue(value.Kv.Value)),
        Value.KindOneofCase.Iterable => value.Iterable.Values.Select(FromWireValue).ToArray(),
        _ => throw new FormatException("a value has no kind"),
    };
}
