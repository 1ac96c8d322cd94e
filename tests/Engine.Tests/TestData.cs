using BeamConformance.Engine;
using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Tests;

/// <summary>Helpers to build elements and read grouped outputs in tests.</summary>
internal static class TestData
{
    public static readonly PaneInfo NoFiring = PaneInfo.NoFiring;

    /// <summary>A keyed element whose key and value are single bytes (nested encodings of 1-byte values).</summary>
    public static Element Kv(byte key, byte value, long ts, BoundedWindow? window = null) =>
        Element.Keyed([key], [value], ts, window ?? GlobalWindow.Instance, NoFiring);

    /// <summary>An unkeyed element of the given bytes.</summary>
    public static Element Plain(byte[] bytes, long ts, BoundedWindow? window = null) =>
        new(bytes, ts, window ?? GlobalWindow.Instance, NoFiring);

    /// <summary>Splits a GroupByKey output made of 1-byte values: (key bytes hex, values).</summary>
    public static (string Key, byte[] Values) Grouped(Element element)
    {
        var span = element.Bytes.Span;
        var key = Convert.ToHexString(span[..element.KeyLength]);
        var count = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(span[element.KeyLength..]);
        var values = span[(element.KeyLength + 4)..].ToArray();
        Assert.Equal(count, values.Length);
        return (key, values);
    }

    /// <summary>The value count of a GroupByKey output (the big-endian int32 after the key).</summary>
    public static int GroupedCount(Element element) =>
        System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(element.Bytes.Span[element.KeyLength..]);

    public static BundleResult Outputs(params (string PCollection, Element[] Elements)[] outputs) => new()
    {
        Outputs = outputs.ToDictionary(static o => new PCollectionId(o.PCollection), static o => (IReadOnlyList<Element>)o.Elements),
    };

    public static Bundle Ready(JobEngine engine)
    {
        var next = engine.GetNextBundle();
        Assert.True(next.Kind == NextBundleKind.Ready, $"expected a ready bundle, got {next.Kind}: {next.Message}");
        return next.Bundle!;
    }
}
