namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>A unit of the fused graph while fusion runs: an executable stage or a runner-side leaf.</summary>
internal abstract class FusionUnit
{
    /// <summary>PCollections the unit reads from other units (main and side inputs).</summary>
    public abstract IEnumerable<string> ExternalInputs { get; }
}

/// <summary>A runner-side leaf (its family a <see cref="Preparers.RunnerTransformPreparer"/>).</summary>
internal sealed class RunnerDraft(Leaf leaf) : FusionUnit
{
    public Leaf Leaf { get; } = leaf;

    /// <summary>The engine PCollections read (for a Flatten: inputs re-encoded in the output's coder where needed).</summary>
    public List<string> EngineInputs { get; } = [.. leaf.MainInputs];

    public override IEnumerable<string> ExternalInputs => Leaf.MainInputs;
}

/// <summary>An executable stage being fused.</summary>
internal sealed class StageDraft(string id, string environmentId) : FusionUnit
{
    public string Id { get; } = id;

    public string EnvironmentId { get; } = environmentId;

    public List<Leaf> Members { get; } = [];

    /// <summary>Main-input PCollections read from outside the stage (one data source each).</summary>
    public List<string> Inputs { get; } = [];

    /// <summary>PCollections produced by members.</summary>
    public HashSet<string> Produced { get; } = [];

    /// <summary>Data sinks: the PCollection read inside the stage, the engine PCollection written, and the PCollection whose wire coding is used.</summary>
    public List<(string PCollection, string EnginePCollection, string CodingOf)> Sinks { get; } = [];

    public IEnumerable<(Leaf Leaf, string Local, string PCollection, string AccessPattern)> SideInputs =>
        Members.SelectMany(static m => m.SideInputs.Select(s => (m, s.Local, s.PCollection, s.AccessPattern)));

    public override IEnumerable<string> ExternalInputs => Inputs.Concat(SideInputs.Select(static s => s.PCollection));

    public void Add(Leaf leaf)
    {
        Members.Add(leaf);
        Produced.UnionWith(leaf.Outputs);
    }
}
