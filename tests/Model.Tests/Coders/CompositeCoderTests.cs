using BeamConformance.Model.Coders;
using BeamConformance.Model.Windows;

namespace BeamConformance.Model.Tests.Coders;

public sealed class CompositeCoderTests
{
    private static readonly byte[] Abc = "abc"u8.ToArray();

    [Theory]
    [InlineData(true, "03 61 62 63 03 64 65 66")] // nested: both length-prefixed
    [InlineData(false, "03 61 62 63 64 65 66")] // outer: the key stays nested, the value runs to the end
    public void Kv_nests_the_key_and_passes_the_context_to_the_value(bool nested, string hex)
    {
        var coder = new KvCoder(BytesCoder.Instance, BytesCoder.Instance);
        var kv = new KV(Abc, "def"u8.ToArray());

        Assert.Equal(hex, Hex.Of(coder.EncodeToArray(kv, nested)));
        Assert.True(ValueEquality.DeepEquals(kv, coder.DecodeFrom(Hex.Bytes(hex), nested)));
    }

    [Fact]
    public void Kv_key_bytes_are_split_without_decoding()
    {
        var coder = new KvCoder(BytesCoder.Instance, VarIntCoder.Instance);
        var encoded = Hex.Bytes("03 61 62 63 ff ff ff ff ff ff ff ff ff 01");

        Assert.Equal("03 61 62 63", Hex.Of(coder.KeyBytes(encoded)));
        Assert.Equal(14, coder.MeasureNested(encoded));
    }

    [Theory]
    [InlineData(new long[0], "00 00 00 00")] // empty
    [InlineData(new long[] { 0 }, "00 00 00 01 00")]
    [InlineData(new long[] { 1, 10, 200, 1000 }, "00 00 00 04 01 0a c8 01 e8 07")]
    public void Iterable_of_known_length_has_a_big_endian_count(long[] values, string hex)
    {
        var coder = new IterableCoder(VarIntCoder.Instance);
        var list = values.Cast<object?>().ToArray();

        Assert.Equal(hex, Hex.Of(coder.EncodeToArray(list)));
        Assert.Equal(list, (object?[])coder.DecodeFrom(Hex.Bytes(hex))!);
    }

    [Theory]
    [InlineData("ff ff ff ff 00", new long[0])] // unknown length, no chunk
    [InlineData("ff ff ff ff 02 01 02 00", new long[] { 1, 2 })] // one chunk
    [InlineData("ff ff ff ff 01 01 02 02 03 00", new long[] { 1, 2, 3 })] // two chunks
    public void Iterable_of_unknown_length_decodes_chunks(string hex, long[] values)
    {
        var coder = new IterableCoder(VarIntCoder.Instance);
        Assert.Equal(values.Cast<object?>().ToArray(), (object?[])coder.DecodeFrom(Hex.Bytes(hex))!);
        Assert.Equal(Hex.Bytes(hex).Length, coder.MeasureNested(Hex.Bytes(hex)));
    }

    [Fact]
    public void Iterable_chunked_writer_splits_at_the_byte_threshold()
    {
        // Three 2-byte elements with a 3-byte threshold: chunks of 2 and 1 elements.
        var coder = new IterableCoder(BytesCoder.Instance);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        coder.WriteChunked(["a"u8.ToArray(), "b"u8.ToArray(), "c"u8.ToArray()], new CoderWriter(buffer), chunkBytes: 3);

        Assert.Equal("ff ff ff ff 02 01 61 01 62 01 01 63 00", Hex.Of(buffer.WrittenSpan));
    }

    [Fact]
    public void Iterable_of_a_lazy_enumerable_uses_the_unknown_length_form()
    {
        var coder = new IterableCoder(VarIntCoder.Instance);
        IEnumerable<object?> Lazy()
        {
            yield return 7L;
            yield return 8L;
        }

        Assert.Equal("ff ff ff ff 02 07 08 00", Hex.Of(coder.EncodeToArray(Lazy())));
    }

    [Theory]
    [InlineData(true)] // the prefix is the same in both contexts
    [InlineData(false)]
    public void LengthPrefix_wraps_the_outer_encoding(bool nested)
    {
        var coder = new LengthPrefixCoder(StringUtf8Coder.Instance);
        Assert.Equal("03 61 62 63", Hex.Of(coder.EncodeToArray("abc", nested)));
        Assert.Equal("abc", coder.DecodeFrom(Hex.Bytes("03 61 62 63"), nested));
    }

    [Fact]
    public void LengthPrefix_around_an_unknown_coder_carries_raw_bytes()
    {
        var coder = new LengthPrefixCoder(new OpaqueCoder("beam:coder:pickled_python:v1", ReadOnlyMemory<byte>.Empty));
        var decoded = (byte[])coder.DecodeFrom(Hex.Bytes("04 80 04 95 2e"))!;

        Assert.Equal("80 04 95 2e", Hex.Of(decoded));
        Assert.Equal("04 80 04 95 2e", Hex.Of(coder.EncodeToArray(decoded)));
    }

    [Theory]
    [InlineData(1454293425000L, 3600000L, "80 00 01 52 9a a4 9b 68 80 dd db 01")] // one hour
    [InlineData(-9223372036854410L, 365L, "7f df 3b 64 5a 1c ad 76 ed 02")] // near the minimum timestamp
    [InlineData(9223372036854775L, 0L, "80 20 c4 9b a5 e3 53 f7 00")] // empty window at the maximum timestamp
    public void IntervalWindow_is_end_then_span(long end, long span, string hex)
    {
        var window = new IntervalWindow(end - span, end);
        Assert.Equal(hex, Hex.Of(IntervalWindowCoder.Instance.EncodeToArray(window)));
        Assert.Equal(window, IntervalWindowCoder.Instance.DecodeFrom(Hex.Bytes(hex)));
        Assert.Equal(end - 1, window.MaxTimestampMillis);
    }

    [Fact]
    public void WindowedValue_in_two_interval_windows_with_a_late_pane()
    {
        var coder = new WindowedValueCoder(VarIntCoder.Instance, IntervalWindowCoder.Instance);
        var value = new WindowedValue<object?>(2L, -100, [new IntervalWindow(0, 10), new IntervalWindow(5, 15)], new PaneInfo(false, true, PaneTiming.Late, 3, 1));
        const string hex = "7f ff ff ff ff ff ff 9c 00 00 00 02 80 00 00 00 00 00 00 0a 0a 80 00 00 00 00 00 00 0f 0a 2a 03 01 02";

        Assert.Equal(hex, Hex.Of(coder.EncodeToArray(value)));
        Assert.Equal(value, coder.DecodeFrom(Hex.Bytes(hex)));
        Assert.Equal(Hex.Bytes(hex).Length, coder.MeasureNested(Hex.Bytes(hex)));
    }

    [Fact]
    public void WindowedValue_header_is_readable_without_the_element()
    {
        var coder = new WindowedValueCoder(new LengthPrefixCoder(new OpaqueCoder("beam:coder:sdk_only:v1", default)), GlobalWindowCoder.Instance);
        var reader = new CoderReader(Hex.Bytes("80 00 00 00 00 00 03 e8 00 00 00 01 07 02 aa bb"));

        var header = coder.ReadHeader(ref reader);

        Assert.Equal(new WindowedValueHeader(1000, header.Windows, PaneInfo.OnTimeAndOnly), header);
        Assert.Equal([GlobalWindow.Instance], header.Windows);
        Assert.Equal(13, reader.Position); // the element starts here
    }

    [Fact]
    public void ParamWindowedValue_encodes_only_the_element()
    {
        // Payload: timestamp 1000, window [10, 20), pane (not first, last, ON_TIME, 30, 40), empty bytes.
        var payload = Hex.Bytes("80 00 00 00 00 00 03 e8 00 00 00 01 80 00 00 00 00 00 00 14 0a 26 1e 28 00");
        var coder = new ParamWindowedValueCoder(VarIntCoder.Instance, IntervalWindowCoder.Instance, payload);
        var expected = new WindowedValue<object?>(2L, 1000, [new IntervalWindow(10, 20)], new PaneInfo(false, true, PaneTiming.OnTime, 30, 40));

        Assert.Equal(expected, coder.DecodeFrom(Hex.Bytes("02")));
        Assert.Equal("02", Hex.Of(coder.EncodeToArray(expected)));
        Assert.Equal(payload, ParamWindowedValueCoder.EncodePayload(coder.Header, IntervalWindowCoder.Instance));
    }

    [Fact]
    public void Timer_set_and_cleared()
    {
        var coder = new TimerCoder(StringUtf8Coder.Instance, GlobalWindowCoder.Instance);
        var set = new TimerValue("key", "tag", [GlobalWindow.Instance], false, 1234, 5678, PaneInfo.NoFiring);
        const string setHex = "03 6b 65 79 03 74 61 67 00 00 00 01 00 80 00 00 00 00 00 04 d2 80 00 00 00 00 00 16 2e 0f";
        var cleared = TimerValue.Cleared("key", "tag", [GlobalWindow.Instance]);
        const string clearedHex = "03 6b 65 79 03 74 61 67 00 00 00 01 01";

        Assert.Equal(setHex, Hex.Of(coder.EncodeToArray(set)));
        Assert.Equal(set, coder.DecodeFrom(Hex.Bytes(setHex)));
        Assert.Equal(clearedHex, Hex.Of(coder.EncodeToArray(cleared)));
        Assert.Equal(cleared, coder.DecodeFrom(Hex.Bytes(clearedHex)));
    }

    [Theory]
    [InlineData("", "00 03 6b 65 79")] // empty shard id
    [InlineData("11 22", "02 11 22 03 6b 65 79")] // two-byte shard id
    public void ShardedKey_is_shard_bytes_then_nested_key(string shardHex, string hex)
    {
        var coder = new ShardedKeyCoder(StringUtf8Coder.Instance);
        var key = new ShardedKey(Hex.Bytes(shardHex), "key");
        foreach (var nested in new[] { true, false })
        {
            Assert.Equal(hex, Hex.Of(coder.EncodeToArray(key, nested)));
            Assert.Equal(key, coder.DecodeFrom(Hex.Bytes(hex), nested));
        }
    }

    [Theory]
    [InlineData(null, true, "00")] // null
    [InlineData("abc", true, "01 03 61 62 63")] // present, nested
    [InlineData("abc", false, "01 61 62 63")] // present, outer: the context passes through
    public void Nullable_has_a_null_indicator(string? value, bool nested, string hex)
    {
        var coder = new NullableCoder(StringUtf8Coder.Instance);
        Assert.Equal(hex, Hex.Of(coder.EncodeToArray(value, nested)));
        Assert.Equal(value, coder.DecodeFrom(Hex.Bytes(hex), nested));
    }

    [Fact]
    public void CustomWindow_is_max_timestamp_then_the_window()
    {
        var coder = new CustomWindowCoder(IntervalWindowCoder.Instance);
        var window = new IntervalWindow(10, 20);
        const string hex = "80 00 00 00 00 00 00 13 80 00 00 00 00 00 00 14 0a";

        Assert.Equal(hex, Hex.Of(coder.EncodeToArray(window)));
        Assert.Equal(new CustomWindow(19, window), coder.DecodeFrom(Hex.Bytes(hex)));
    }

    [Theory]
    [InlineData("00 00 00 02 01 02", null)] // all elements inline: the iterable form
    [InlineData("ff ff ff ff 02 01 02 ff ff ff ff ff ff ff ff ff 01 02 ab cd", "ab cd")] // prefix + state token
    public void StateBackedIterable_carries_a_prefix_and_an_optional_token(string hex, string? tokenHex)
    {
        var coder = new StateBackedIterableCoder(VarIntCoder.Instance);
        var value = new StateBackedIterable([1L, 2L], tokenHex is null ? null : Hex.Bytes(tokenHex));

        Assert.Equal(hex, Hex.Of(coder.EncodeToArray(value)));
        Assert.Equal(value, coder.DecodeFrom(Hex.Bytes(hex)));
        Assert.Equal(Hex.Bytes(hex).Length, coder.MeasureNested(Hex.Bytes(hex)));
    }
}
