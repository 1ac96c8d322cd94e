using BeamConformance.FakeHarness.Internal.Functions;
using BeamConformance.Model.Coders;
using BeamConformance.Model.Windows;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// Reads one transform's side inputs over the State API for one bundle: the view's value (iterable, multimap values
/// for the main element as key, multimap keys, singleton) in a side-input window, cached per bundle by (side input,
/// window bytes, key bytes). A new bundle reads afresh: the runner sends no side-input cache token, so nothing is
/// kept across bundles (<c>beam_fn_api.proto</c> <c>ProcessBundleRequest.cache_tokens</c>).
/// </summary>
internal sealed class SideInputReader(BundleContext context, string transformId, string transformName)
{
    private readonly Dictionary<(string Side, string Window, string Key), object?> _cache = [];

    /// <summary>The value of <paramref name="side"/> in <paramref name="sideWindow"/> (already mapped), as its view gives it.</summary>
    /// <exception cref="HarnessException">A multimap view of a non-kv PCollection, an undecodable page, or a singleton that is empty without default or holds more than one value.</exception>
    public async Task<object?> ReadAsync(SideInputSpec side, BoundedWindow sideWindow, object? mainValue, string where)
    {
        var windowBytes = side.WindowCoder.EncodeToArray(sideWindow, nested: false);
        byte[] keyBytes = [];
        Coder valueCoder = side.ElementCoder;
        if (side.View is SideInputView.Multimap or SideInputView.MultimapKeys)
        {
            if (DescriptorCoders.Logical(side.ElementCoder) is not KvCoder kv)
            {
                throw new HarnessException($"{where}: a {side.View} view needs a kv side PCollection, its coder is {side.ElementCoder}", transformName);
            }

            if (side.View == SideInputView.Multimap)
            {
                keyBytes = kv.KeyCoder.EncodeToArray(ValueShapes.Shape(mainValue, kv.KeyCoder, where + " key"), nested: true);
                valueCoder = kv.ValueCoder;
            }
            else
            {
                valueCoder = kv.KeyCoder;
            }
        }

        var cacheKey = (side.Name, Convert.ToHexString(windowBytes), Convert.ToHexString(keyBytes));
        if (_cache.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        var stateKey = side.View switch
        {
            SideInputView.Multimap => new StateKey
            {
                MultimapSideInput = new StateKey.Types.MultimapSideInput
                {
                    TransformId = transformId, SideInputId = side.Name, Window = ByteString.CopyFrom(windowBytes), Key = ByteString.CopyFrom(keyBytes),
                },
            },
            SideInputView.MultimapKeys => new StateKey
            {
                MultimapKeysSideInput = new StateKey.Types.MultimapKeysSideInput { TransformId = transformId, SideInputId = side.Name, Window = ByteString.CopyFrom(windowBytes) },
            },
            _ => new StateKey
            {
                IterableSideInput = new StateKey.Types.IterableSideInput { TransformId = transformId, SideInputId = side.Name, Window = ByteString.CopyFrom(windowBytes) },
            },
        };
        var bytes = await context.ReadStateAsync(stateKey, side.Name).ConfigureAwait(false);
        var values = BundleContext.DecodeAll(bytes, valueCoder, where);
        object? seen = values;
        if (side.View == SideInputView.Singleton)
        {
            seen = values.Length switch
            {
                1 => values[0],
                0 when side.HasDefault => ValueShapes.Shape(side.Default, side.ElementCoder, where + " default"),
                0 => throw new HarnessException($"{where}: singleton side input is empty in window {sideWindow} and has no default", transformName),
                _ => throw new HarnessException($"{where}: singleton side input has {values.Length} values in window {sideWindow}", transformName),
            };
        }

        _cache[cacheKey] = seen;
        return seen;
    }
}
