using System.Text;
using BeamConformance.FakeHarness;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Conformance.Running;

/// <summary>
/// The Fn API traffic the FakeHarness saw during one scenario run, as text for people (<c>run --trace</c>): every
/// ProcessBundleDescriptor with its transforms, the instructions in arrival order (splits and progress requests
/// included), every data element's exact bytes, and every state request with the runner's answer.
/// </summary>
public static class ProtocolTrace
{
    /// <summary>Up to how many bytes of a value are shown in hex; longer values end in <c>… (N bytes)</c>.</summary>
    public const int MaxHexBytes = 64;

    /// <summary>The trace of <paramref name="recording"/>, LF line endings, each line indented by <paramref name="indent"/>.</summary>
    public static string Format(ProtocolRecording recording, string indent = "")
    {
        ArgumentNullException.ThrowIfNull(recording);
        var t = new StringBuilder();
        void Line(string text) => t.Append(indent).Append(text).Append('\n');
        Line($"Fn API traffic seen by the FakeHarness: {recording.Descriptors.Count} descriptors, {recording.Instructions.Count} instructions, {recording.Data.Count} data elements, {recording.StateRequests.Count} state requests");
        foreach (var d in recording.Descriptors)
        {
            Line($"descriptor {d.Id} (state API {(d.HasStateApi ? "set" : "not set")}):");
            foreach (var (id, transform) in d.Descriptor.Transforms.OrderBy(x => x.Key, StringComparer.Ordinal))
            {
                Line($"  transform {id}: {transform.Spec?.Urn}{Inner(transform)} {Ports(transform.Inputs)} -> {Ports(transform.Outputs)}");
            }
        }

        foreach (var i in recording.Instructions)
        {
            Line($"instruction {i.InstructionId}: {i.Kind} (worker {i.WorkerId})");
            foreach (var split in i.Splits)
            {
                var answer = split.FirstResidualElement is { } first ? $"ChannelSplit last_primary_element={split.LastPrimaryElement} first_residual_element={first}" : "no split";
                if (split.ResidualRoots.Count > 0)
                {
                    answer += $", element split: primary root {split.PrimaryRestriction} ({Hex(split.PrimaryRoots[0])}), residual root {split.ResidualRestriction} ({Hex(split.ResidualRoots[0])})";
                }

                Line($"  split of {split.BundleInstructionId} on {split.TransformId}: fraction_of_remainder={split.FractionOfRemainder.ToString(System.Globalization.CultureInfo.InvariantCulture)} estimated_input_elements={split.EstimatedInputElements} allowed_split_points={split.AllowedSplitPoints.Count} -> {answer}");
            }
        }

        foreach (var e in recording.Data)
        {
            Line($"data bundle {e.InstructionId} -> {e.TransformId} ({e.PCollection}): {Hex(e.WindowedValue)}");
        }

        foreach (var s in recording.StateRequests)
        {
            var what = s.SideInput is null ? s.Kind : $"{s.Kind} '{s.SideInput}'";
            var answer = s.Error is not null ? $"error: {s.Error}" : s.Operation == "get" ? $"data {Hex(s.ResponseData)}" : "ok";
            var continuation = s.ResponseContinuationToken.Length > 0 ? $", continuation {Hex(s.ResponseContinuationToken)}" : "";
            Line($"state bundle {s.InstructionId}: {s.Operation} {what} of {s.TransformId} window {Hex(s.Window)} key {Hex(s.Key)}"
                + (s.ContinuationToken.Length > 0 ? $" token {Hex(s.ContinuationToken)}" : "") + $" -> {answer}{continuation}");
        }

        return t.ToString();
    }

    /// <summary>Lower-case hex of at most <see cref="MaxHexBytes"/> bytes; <c>(empty)</c> for none.</summary>
    public static string Hex(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            return "(empty)";
        }

        var shown = Convert.ToHexStringLower(bytes, 0, Math.Min(bytes.Length, MaxHexBytes));
        return bytes.Length <= MaxHexBytes ? shown : $"{shown}… ({bytes.Length} bytes)";
    }

    private static string Inner(PTransform transform)
    {
        if (transform.Spec?.Urn == Model.Urns.Transforms.ParDo && !transform.Spec.Payload.IsEmpty)
        {
            try
            {
                return $" [{ParDoPayload.Parser.ParseFrom(transform.Spec.Payload).DoFn?.Urn}]";
            }
            catch (Google.Protobuf.InvalidProtocolBufferException)
            {
                return " [unreadable ParDoPayload]";
            }
        }

        return "";
    }

    private static string Ports(Google.Protobuf.Collections.MapField<string, string> ports) =>
        ports.Count == 0 ? "()" : "(" + string.Join(", ", ports.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")) + ")";
}
