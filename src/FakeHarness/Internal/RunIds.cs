using System.Text.Json;
using BeamConformance.Model;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>Finds the scenario run id of a descriptor: the <c>"run"</c> key of its transforms' JSON payloads.</summary>
internal static class RunIds
{
    public static string Of(ProcessBundleDescriptor descriptor)
    {
        foreach (var transform in descriptor.Transforms.Values.OrderBy(t => t.UniqueName, StringComparer.Ordinal))
        {
            if (InnerPayload(transform) is { } payload && FromJson(payload) is { } run)
            {
                return run;
            }
        }

        return string.Empty;
    }

    /// <summary>The inner function spec of a ParDo or splittable DoFn part (do_fn) or combine (combine_fn) transform, or null.</summary>
    public static FunctionSpec? InnerFunction(PTransform transform)
    {
        var spec = transform.Spec;
        if (spec is null || spec.Payload.IsEmpty)
        {
            return null;
        }

        try
        {
            return spec.Urn switch
            {
                // The parts of an expanded splittable DoFn carry its ParDoPayload: a stage holding only the Process part
                // (a GroupByKey right after it) is still filed under its scenario run.
                Urns.Transforms.ParDo or Urns.Transforms.PairWithRestriction or Urns.Transforms.SplitAndSizeRestrictions
                    or Urns.Transforms.TruncateSizedRestrictions or Urns.Transforms.ProcessSizedElementsAndRestrictions => ParDoPayload.Parser.ParseFrom(spec.Payload).DoFn,
                Urns.Transforms.CombinePerKeyPrecombine or Urns.Transforms.CombinePerKeyMergeAccumulators
                    or Urns.Transforms.CombinePerKeyExtractOutputs or Urns.Transforms.CombineGroupedValues
                    or Urns.Transforms.CombinePerKey or Urns.Transforms.CombineGlobally => CombinePayload.Parser.ParseFrom(spec.Payload).CombineFn,
                _ => null,
            };
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static ByteString? InnerPayload(PTransform transform) => InnerFunction(transform)?.Payload;

    private static string? FromJson(ByteString payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload.Memory);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty(HarnessUrns.RunKey, out var run)
                && run.ValueKind == JsonValueKind.String
                ? run.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
