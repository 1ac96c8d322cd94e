using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>A leaf transform of the expanded pipeline (composites replaced by their parts, combines lifted).</summary>
internal sealed class Leaf(string id, Proto.PTransform transform, LeafKind kind, string environmentId)
{
    public string Id { get; } = id;

    public Proto.PTransform Transform { get; } = transform;

    public LeafKind Kind { get; } = kind;

    /// <summary>The environment of an SDK leaf; empty for runner-side leaves.</summary>
    public string EnvironmentId { get; } = environmentId;

    /// <summary>Main inputs (PCollection ids), in local-name order.</summary>
    public List<string> MainInputs { get; } = [];

    /// <summary>Side inputs of a ParDo: local name, PCollection id and access pattern URN.</summary>
    public List<(string Local, string PCollection, string AccessPattern)> SideInputs { get; } = [];

    /// <summary>Output PCollection ids, in local-name order.</summary>
    public List<string> Outputs { get; } = [];

    public IEnumerable<string> AllInputs => MainInputs.Concat(SideInputs.Select(static s => s.PCollection));

    public override string ToString() => $"{Id} ({Transform.Spec?.Urn})";
}
