using System.Text.Json;
using BeamConformance.FakeHarness.Internal.Functions;
using BeamConformance.FakeHarness.Internal.Operators;
using BeamConformance.Model;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>
/// Resolves the side inputs of a <c>read_side_inputs</c> ParDo from its ParDoPayload and the descriptor: access
/// pattern, view (<c>beamconformance:view_fn:v1</c> JSON), the side PCollection's coder, window fn and window coder.
/// </summary>
internal static class SideInputFactories
{
    /// <exception cref="HarnessException">A side input is malformed or its PCollection is not in the descriptor.</exception>
    public static OperatorFactory Compile(string id, string name, PTransform transform, ParDoPayload payload, ProcessBundleDescriptor descriptor, DescriptorCoders coders)
    {
        _ = id;
        var sides = Resolve(name, transform, payload, descriptor, coders);
        return (n, c, o) => new ReadSideInputsOperator(n, c, o, sides);
    }

    /// <summary>Resolves every side input of the ParDo, ordered by local name.</summary>
    /// <exception cref="HarnessException">A side input is malformed or its PCollection is not in the descriptor.</exception>
    public static IReadOnlyList<SideInputSpec> Resolve(string name, PTransform transform, ParDoPayload payload, ProcessBundleDescriptor descriptor, DescriptorCoders coders)
    {
        var sides = new List<SideInputSpec>();
        foreach (var (local, sideInput) in payload.SideInputs.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var where = $"transform '{name}' side input '{local}'";
            if (!transform.Inputs.TryGetValue(local, out var pcollectionId))
            {
                throw new HarnessException($"{where}: not among the transform's inputs", name);
            }

            if (!descriptor.Pcollections.TryGetValue(pcollectionId, out var pcollection))
            {
                throw new HarnessException($"{where}: PCollection '{pcollectionId}' is not in descriptor '{descriptor.Id}'", name);
            }

            if (!descriptor.WindowingStrategies.TryGetValue(pcollection.WindowingStrategyId, out var windowing))
            {
                throw new HarnessException($"{where}: windowing strategy '{pcollection.WindowingStrategyId}' is not in descriptor '{descriptor.Id}'", name);
            }

            var (view, hasDefault, defaultValue) = ReadView(sideInput.ViewFn, where);
            var access = sideInput.AccessPattern?.Urn ?? string.Empty;
            var expectedAccess = view is SideInputView.Multimap or SideInputView.MultimapKeys ? Urns.SideInputs.Multimap : Urns.SideInputs.Iterable;
            if (access != expectedAccess)
            {
                throw new HarnessException($"{where}: a {view} view needs access pattern '{expectedAccess}', got '{access}'", name);
            }

            if (sideInput.WindowMappingFn is { } mapping && mapping.Urn != HarnessUrns.WindowMappingFn)
            {
                throw new HarnessException($"{where}: window mapping fn '{mapping.Urn}' is not '{HarnessUrns.WindowMappingFn}'", name);
            }

            sides.Add(new SideInputSpec(
                local,
                view,
                defaultValue,
                hasDefault,
                coders.Get(pcollection.CoderId),
                HarnessWindowFns.Parse(windowing.WindowFn, where),
                coders.Get(windowing.WindowCoderId)));
        }

        return sides;
    }

    private static (SideInputView View, bool HasDefault, object? Default) ReadView(FunctionSpec? viewFn, string where)
    {
        if (viewFn?.Urn != HarnessUrns.ViewFn)
        {
            throw new HarnessException($"{where}: view fn '{viewFn?.Urn}' is not '{HarnessUrns.ViewFn}'");
        }

        using var json = JsonDocument.Parse(viewFn.Payload.Memory);
        var root = json.RootElement;
        var view = Union.String(Union.Property(root, "view", where + " view_fn"), where + " view_fn.view") switch
        {
            "iterable" => SideInputView.Iterable,
            "multimap" => SideInputView.Multimap,
            "multimap_keys" => SideInputView.MultimapKeys,
            "singleton" => SideInputView.Singleton,
            var other => throw new HarnessException($"{where}: unknown view '{other}'"),
        };
        var hasDefault = root.TryGetProperty("default", out var defaultJson) && defaultJson.ValueKind != JsonValueKind.Null;
        return (view, hasDefault, hasDefault ? JsonValues.ToNatural(defaultJson, where + " default") : null);
    }
}
