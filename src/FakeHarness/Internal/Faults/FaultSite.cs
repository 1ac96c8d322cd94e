using BeamConformance.FakeHarness.Internal.Operators;
using Google.Protobuf;

namespace BeamConformance.FakeHarness.Internal.Faults;

/// <summary>Where a faulty state request (<see cref="FaultyStateRequests"/>) is sent from.</summary>
/// <param name="TransformId">The sending transform's id in the descriptor.</param>
/// <param name="Key">The element's (or firing timer's) key, encoded with the input's key coder (nested); empty when the transform is not keyed.</param>
/// <param name="Window">The element's window, encoded with the input's window coder (nested); empty when the transform is not keyed.</param>
/// <param name="SideInputId">The transform's first side input (local name, ordinal order), <see cref="NoSideInput"/> when it has none.</param>
internal sealed record FaultSite(string TransformId, ByteString Key, ByteString Window, string SideInputId)
{
    /// <summary>The side input id of a transform that has none: a side-input write or read still names one.</summary>
    public const string NoSideInput = "side";

    /// <summary>The site of <paramref name="node"/>, with its first side input.</summary>
    public static FaultSite Of(TransformNode node, ByteString key, ByteString window) =>
        new(node.Id, key, window, node.Transform.Inputs.Keys.Where(k => !node.MainInputs.Contains(node.Transform.Inputs[k])).Order(StringComparer.Ordinal).FirstOrDefault() ?? NoSideInput);
}
