using BeamConformance.ReferenceRunner.Translation.Internal.Preparers;
using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>A leaf transform of the expanded pipeline (composites replaced by their parts, combines lifted).</summary>
internal sealed class Leaf(string id, Proto.PTransform transform, LeafPreparer preparer)
{
    public string Id { get; } = id;

    public Proto.PTransform Transform { get; } = transform;

    /// <summary>The family that checks and places the leaf.</summary>
    public LeafPreparer Preparer { get; } = preparer;

    /// <summary>True when an SDK harness runs the leaf inside an executable stage; false when the runner does.</summary>
    public bool RunsInSdk => Preparer.RunsInSdk;

    /// <summary>The environment of an SDK leaf; empty for runner-side leaves.</summary>
    public string EnvironmentId { get; } = preparer.RunsInSdk ? transform.EnvironmentId : "";

    /// <summary>Main inputs (PCollection ids), in local-name order.</summary>
    public List<string> MainInputs { get; } = [];

    /// <summary>Side inputs of a ParDo: local name, PCollection id and access pattern URN.</summary>
    public List<(string Local, string PCollection, string AccessPattern)> SideInputs { get; } = [];

    /// <summary>Output PCollection ids, in local-name order.</summary>
    public List<string> Outputs { get; } = [];

    public IEnumerable<string> AllInputs => MainInputs.Concat(SideInputs.Select(static s => s.PCollection));

    public override string ToString() => $"{Id} ({Transform.Spec?.Urn})";
}
