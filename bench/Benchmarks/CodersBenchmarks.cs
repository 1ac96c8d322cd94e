using System.Buffers;
using BeamConformance.Model;
using BeamConformance.Model.Coders;
using BeamConformance.Model.Windows;
using BenchmarkDotNet.Attributes;

namespace BeamConformance.Benchmarks;

/// <summary>
/// Encode and decode of windowed KV&lt;bytes, varint&gt; elements (as on the Fn API data plane, nested) and of
/// iterables of varints. Each operation handles <see cref="Elements"/> elements, so the reported time is per element.
/// </summary>
[MemoryDiagnoser]
public class CodersBenchmarks
{
    /// <summary>Elements per operation.</summary>
    public const int Elements = 1000;

    private readonly WindowedValueCoder _windowedKv = new(new KvCoder(BytesCoder.Instance, VarIntCoder.Instance), IntervalWindowCoder.Instance);
    private readonly IterableCoder _iterable = new(VarIntCoder.Instance);
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);
    private WindowedValue<object?>[] _values = [];
    private byte[] _encodedValues = [];
    private object?[] _list = [];
    private byte[] _encodedList = [];

    /// <summary>Builds the inputs: 1000 elements with 8-byte keys in one 10-second window, late panes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var window = new IntervalWindow(1_700_000_000_000, 1_700_000_010_000);
        _values = Enumerable.Range(0, Elements)
            .Select(i => new WindowedValue<object?>(
                new KV(BitConverter.GetBytes((long)i), (long)i * 7919),
                1_700_000_000_000 + i,
                [window],
                new PaneInfo(false, false, PaneTiming.Late, 3, 1)))
            .ToArray();
        var writer = new CoderWriter(_buffer);
        foreach (var value in _values)
        {
            _windowedKv.Encode(value, writer, nested: true);
        }

        _encodedValues = _buffer.WrittenSpan.ToArray();
        _list = Enumerable.Range(0, Elements).Select(i => (object?)(long)(i * 31)).ToArray();
        _encodedList = _iterable.EncodeToArray(_list);
    }

    /// <summary>Encode through the untyped coder graph built by the registry.</summary>
    [Benchmark(OperationsPerInvoke = Elements)]
    public int EncodeWindowedKv()
    {
        _buffer.ResetWrittenCount();
        var writer = new CoderWriter(_buffer);
        foreach (var value in _values)
        {
            _windowedKv.Encode(value, writer, nested: true);
        }

        return _buffer.WrittenCount;
    }

    /// <summary>The typed fast path: header, key bytes and varint written directly.</summary>
    [Benchmark(OperationsPerInvoke = Elements)]
    public int EncodeWindowedKvTyped()
    {
        _buffer.ResetWrittenCount();
        var writer = new CoderWriter(_buffer);
        foreach (var value in _values)
        {
            _windowedKv.WriteHeader(new WindowedValueHeader(value.TimestampMillis, value.Windows, value.Pane), writer);
            var kv = (KV)value.Value!;
            BytesCoder.Write((byte[])kv.Key!, writer, nested: true);
            writer.WriteVarInt64((long)kv.Value!);
        }

        return _buffer.WrittenCount;
    }

    /// <summary>Decode every element into model values.</summary>
    [Benchmark(OperationsPerInvoke = Elements)]
    public long DecodeWindowedKv()
    {
        var reader = new CoderReader(_encodedValues);
        long sum = 0;
        while (!reader.AtEnd)
        {
            sum += _windowedKv.DecodeValue(ref reader, nested: true).TimestampMillis;
        }

        return sum;
    }

    /// <summary>Split the stream into elements without materialising them (what a runner does to move bytes).</summary>
    [Benchmark(OperationsPerInvoke = Elements)]
    public int SkipWindowedKv()
    {
        var reader = new CoderReader(_encodedValues);
        var count = 0;
        while (!reader.AtEnd)
        {
            _windowedKv.Skip(ref reader, nested: true);
            count++;
        }

        return count;
    }

    /// <summary>Encode an iterable of 1000 varints (known length).</summary>
    [Benchmark(OperationsPerInvoke = Elements)]
    public int EncodeIterable()
    {
        _buffer.ResetWrittenCount();
        _iterable.Encode(_list, new CoderWriter(_buffer), nested: true);
        return _buffer.WrittenCount;
    }

    /// <summary>Decode an iterable of 1000 varints.</summary>
    [Benchmark(OperationsPerInvoke = Elements)]
    public int DecodeIterable() => ((object?[])_iterable.DecodeFrom(_encodedList)!).Length;
}
