using BeamConformance.Model.Coders;
using BeamConformance.Model.Schemas;
using BeamConformance.Model.Windows;

namespace BeamConformance.Model.Tests.Coders;

/// <summary>MeasureNested must agree with the length of the nested encoding, for every coder.</summary>
public sealed class SkipTests
{
    public static TheoryData<string, Coder, object?> Values => new()
    {
        // label, coder, value
        { "bytes", BytesCoder.Instance, new byte[] { 1, 2, 3 } },
        { "string", StringUtf8Coder.Instance, "héllo" },
        { "varint -1", VarIntCoder.Instance, -1L },
        { "double", DoubleCoder.Instance, 0.5 },
        { "bool", BoolCoder.Instance, true },
        { "kv", new KvCoder(StringUtf8Coder.Instance, VarIntCoder.Instance), new KV("k", 3L) },
        { "iterable", new IterableCoder(BytesCoder.Instance), new object?[] { new byte[] { 1 }, new byte[0] } },
        { "length prefix", new LengthPrefixCoder(VarIntCoder.Instance), 300L },
        { "nullable null", new NullableCoder(VarIntCoder.Instance), null },
        { "sharded key", new ShardedKeyCoder(VarIntCoder.Instance), new ShardedKey([9], 1L) },
        { "custom window", new CustomWindowCoder(IntervalWindowCoder.Instance), new IntervalWindow(0, 5) },
        { "timer", new TimerCoder(VarIntCoder.Instance, GlobalWindowCoder.Instance), new TimerValue(1L, "t", [GlobalWindow.Instance], false, 5, 5, PaneInfo.OnTimeAndOnly) },
        { "windowed value", new WindowedValueCoder(StringUtf8Coder.Instance, IntervalWindowCoder.Instance), new WindowedValue<object?>("v", 3, [new IntervalWindow(0, 5), new IntervalWindow(1, 6)], new PaneInfo(false, false, PaneTiming.Late, 7, 2)) },
        { "row", new RowCoder(new Schema([new SchemaField("s", FieldType.Of(AtomicType.String, nullable: true))])), new Row(new Schema([new SchemaField("s", FieldType.Of(AtomicType.String, nullable: true))]), [null]) },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Measure_equals_the_nested_length_even_with_bytes_after(string label, Coder coder, object? value)
    {
        Assert.NotEmpty(label);
        var encoded = coder.EncodeToArray(value, nested: true);
        var withTrailer = encoded.Concat(new byte[] { 0xEE, 0xEE }).ToArray();

        Assert.Equal(encoded.Length, coder.MeasureNested(withTrailer));
    }
}
