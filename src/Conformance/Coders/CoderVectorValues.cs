using System.Globalization;
using System.Text;
using BeamConformance.Model;
using BeamConformance.Model.Coders;
using BeamConformance.Model.Schemas;
using BeamConformance.Model.Windows;
using YamlDotNet.RepresentationModel;

namespace BeamConformance.Conformance.Coders;

/// <summary>
/// Turns an example's YAML value into the model value a coder decodes to, using the value shapes of Beam's
/// <c>standard_coders.yaml</c>:
/// bytes: a string, as UTF-8 (as the Python SDK's vector test reads it); string_utf8: a string; bool; varint: an
/// integer; double: a number or "NaN", "Infinity", "-Infinity", "-0"; kv: {key, value}; iterable: a sequence;
/// interval_window: {end, span} in ms; global_window: anything (conventionally "global" or ""); windowed_value and
/// param_windowed_value: {value, timestamp, windows, pane}; pane: {is_first, is_last, timing (EARLY, ON_TIME, LATE,
/// UNKNOWN), index, on_time_index} (absent: no firing); timer: {userKey, dynamicTimerTag, windows, clearBit,
/// fireTimestamp, holdTimestamp, pane}; row: a mapping of field name to value; sharded_key: {shardId (string, UTF-8),
/// key}; custom_window: {window} (plus optional maxTimestamp when the window is not a model window); nullable: null
/// or the component's value; length_prefix: the component's value.
/// Our extension, for state_backed_iterable: a sequence, or {elements: [...], state_token: "bytes"}.
/// </summary>
public static class CoderVectorValues
{
    /// <summary>Builds the model value <paramref name="node"/> describes for <paramref name="coder"/>.</summary>
    /// <exception cref="CoderVectorFormatException">The YAML does not have the coder's value shape.</exception>
    public static object? ToModelValue(YamlNode node, Coder coder)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(coder);
        return coder switch
        {
            BytesCoder or OpaqueCoder => Bytes(node),
            StringUtf8Coder => Text(node),
            BoolCoder => Bool(node),
            VarIntCoder => Long(node),
            DoubleCoder => Double(node),
            GlobalWindowCoder => GlobalWindow.Instance,
            IntervalWindowCoder => Interval(node),
            KvCoder kv => new KV(ToModelValue(Field(node, "key"), kv.KeyCoder), ToModelValue(Field(node, "value"), kv.ValueCoder)),
            IterableCoder iterable => Sequence(node).Select(e => ToModelValue(e, iterable.ElementCoder)).ToArray(),
            StateBackedIterableCoder sbi => StateBacked(node, sbi),
            LengthPrefixCoder lp => ToModelValue(node, lp.ValueCoder),
            NullableCoder nullable => IsNull(node) ? null : ToModelValue(node, nullable.ValueCoder),
            ShardedKeyCoder sk => new ShardedKey(Bytes(Field(node, "shardId")), ToModelValue(Field(node, "key"), sk.KeyCoder)),
            CustomWindowCoder cw => Custom(node, cw),
            WindowedValueCoder wv => Windowed(node, wv.ValueCoder, wv.WindowCoder),
            ParamWindowedValueCoder pwv => Windowed(node, pwv.ValueCoder, pwv.Components[1]),
            TimerCoder timer => Timer(node, timer),
            RowCoder row => RowValue(node, row.Schema),
            _ => throw Shape(node, $"no value shape known for coder {coder.Urn}"),
        };
    }

    private static object Windowed(YamlNode node, Coder valueCoder, Coder windowCoder) =>
        new WindowedValue<object?>(
            ToModelValue(Field(node, "value"), valueCoder),
            Long(Field(node, "timestamp")),
            Windows(Field(node, "windows"), windowCoder),
            Optional(node, "pane") is { } pane ? Pane(pane) : PaneInfo.NoFiring);

    private static BoundedWindow[] Windows(YamlNode node, Coder windowCoder) =>
        Sequence(node).Select(w => ToModelValue(w, windowCoder) as BoundedWindow ?? throw Shape(w, $"window coder {windowCoder.Urn} does not make windows")).ToArray();

    private static TimerValue Timer(YamlNode node, TimerCoder coder)
    {
        var key = ToModelValue(Field(node, "userKey"), coder.KeyCoder);
        var tag = Text(Field(node, "dynamicTimerTag"));
        var windows = Windows(Field(node, "windows"), coder.WindowCoder);
        return Bool(Field(node, "clearBit"))
            ? TimerValue.Cleared(key, tag, windows)
            : new TimerValue(key, tag, windows, false, Long(Field(node, "fireTimestamp")), Long(Field(node, "holdTimestamp")), Pane(Field(node, "pane")));
    }

    private static StateBackedIterable StateBacked(YamlNode node, StateBackedIterableCoder coder)
    {
        if (node is YamlSequenceNode)
        {
            return new StateBackedIterable(Sequence(node).Select(e => ToModelValue(e, coder.ElementCoder)).ToArray(), null);
        }

        var elements = Sequence(Field(node, "elements")).Select(e => ToModelValue(e, coder.ElementCoder)).ToArray();
        return new StateBackedIterable(elements, Optional(node, "state_token") is { } token ? Bytes(token) : null);
    }

    private static CustomWindow Custom(YamlNode node, CustomWindowCoder coder)
    {
        var window = ToModelValue(Field(node, "window"), coder.WindowCoder);
        var max = Optional(node, "maxTimestamp") is { } m ? Long(m)
            : window is BoundedWindow bounded ? bounded.MaxTimestampMillis
            : throw Shape(node, "custom_window over a non-model window needs maxTimestamp");
        return new CustomWindow(max, window);
    }

    /// <summary>Reads a pane mapping.</summary>
    public static PaneInfo Pane(YamlNode node)
    {
        var timing = Text(Field(node, "timing")) switch
        {
            "EARLY" => PaneTiming.Early,
            "ON_TIME" => PaneTiming.OnTime,
            "LATE" => PaneTiming.Late,
            "UNKNOWN" => PaneTiming.Unknown,
            var other => throw Shape(node, $"unknown pane timing '{other}'"),
        };
        return new PaneInfo(Bool(Field(node, "is_first")), Bool(Field(node, "is_last")), timing, Long(Field(node, "index")), Long(Field(node, "on_time_index")));
    }

    private static IntervalWindow Interval(YamlNode node)
    {
        var end = Long(Field(node, "end"));
        return new IntervalWindow(end - Long(Field(node, "span")), end);
    }

    private static Row RowValue(YamlNode node, Schema schema)
    {
        if (node is not YamlMappingNode)
        {
            throw Shape(node, "a row must be a mapping of field names to values");
        }

        var values = schema.Fields.Select(f => FieldValue(Field(node, f.Name), f.Type)).ToArray();
        return new Row(schema, values);
    }

    private static object? FieldValue(YamlNode node, FieldType type)
    {
        if (IsNull(node))
        {
            return null;
        }

        return type.Kind switch
        {
            FieldTypeKind.Atomic => type.Atomic switch
            {
                AtomicType.Byte => (byte)Long(node),
                AtomicType.Int16 => checked((short)Long(node)),
                AtomicType.Int32 => checked((int)Long(node)),
                AtomicType.Int64 => Long(node),
                AtomicType.Float => (float)Double(node),
                AtomicType.Double => Double(node),
                AtomicType.String => Text(node),
                AtomicType.Boolean => Bool(node),
                AtomicType.Bytes => Bytes(node),
                _ => throw Shape(node, $"atomic type {type.Atomic} has no value shape"),
            },
            FieldTypeKind.Array or FieldTypeKind.Iterable => Sequence(node).Select(e => FieldValue(e, type.Element!)).ToArray(),
            FieldTypeKind.Map => node is YamlMappingNode map
                ? map.Children.Select(p => new KV(FieldValue(p.Key, type.Element!), FieldValue(p.Value, type.MapValue!))).ToArray()
                : throw Shape(node, "a map field must be a mapping"),
            FieldTypeKind.Row => RowValue(node, type.RowSchema!),
            _ => FieldValue(node, type.Representation!),
        };
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: not (YamlDotNet.Core.ScalarStyle.DoubleQuoted or YamlDotNet.Core.ScalarStyle.SingleQuoted) } s
        && s.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static byte[] Bytes(YamlNode node) => Encoding.UTF8.GetBytes(Text(node));

    private static string Text(YamlNode node) =>
        node is YamlScalarNode s ? s.Value ?? "" : throw Shape(node, "expected a string");

    private static bool Bool(YamlNode node) =>
        node is YamlScalarNode { Value: { } v } && bool.TryParse(v, out var b) ? b : throw Shape(node, "expected true or false");

    private static long Long(YamlNode node) =>
        node is YamlScalarNode { Value: { } v } && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            ? l
            : throw Shape(node, "expected a 64-bit integer");

    /// <summary>Java's canonical NaN (0x7ff8000000000000), as Beam's vectors encode "NaN".</summary>
    private static readonly double CanonicalNaN = BitConverter.Int64BitsToDouble(0x7ff8000000000000);

    private static double Double(YamlNode node) => Text(node) switch
    {
        "NaN" or "nan" or ".nan" => CanonicalNaN,
        "Infinity" or "inf" or ".inf" => double.PositiveInfinity,
        "-Infinity" or "-inf" or "-.inf" => double.NegativeInfinity,
        var t when double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        var t => throw Shape(node, $"expected a double, got '{t}'"),
    };

    private static IEnumerable<YamlNode> Sequence(YamlNode node) =>
        node is YamlSequenceNode seq ? seq.Children : throw Shape(node, "expected a sequence");

    private static YamlNode Field(YamlNode node, string key) =>
        Optional(node, key) ?? throw Shape(node, $"missing '{key}'");

    private static YamlNode? Optional(YamlNode node, string key) =>
        node is YamlMappingNode map ? CoderVectorFile.Child(map, key) : throw Shape(node, $"expected a mapping with '{key}'");

    private static CoderVectorFormatException Shape(YamlNode node, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"line {node.Start.Line}: {message}"));
}
