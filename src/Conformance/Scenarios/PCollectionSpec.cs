namespace BeamConformance.Conformance.Scenarios;

/// <summary>A PCollection of a scenario pipeline.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Coder">Its element coder.</param>
/// <param name="Windowing">Its windowing strategy id (<c>global</c> by default).</param>
/// <param name="Bounded">Whether it is bounded (default true).</param>
public sealed record PCollectionSpec(string Id, CoderSpec Coder, string Windowing, bool Bounded);
