namespace BeamConformance.Conformance.Scenarios;

/// <summary>
/// An environment a scenario adds to its pipeline beside the FakeHarness's own (<c>pipeline.environments.&lt;id&gt;</c>),
/// for transforms that name it (<see cref="TransformSpec.EnvironmentId"/>): beam_runner_api.proto <c>Environment</c>.
/// </summary>
/// <param name="Id">The environment id (a key of <c>Components.environments</c>); never the harness's own id.</param>
/// <param name="Urn">The environment URN (e.g. <c>beam:env:docker:v1</c>), sent with no payload; null when
/// <paramref name="Harness"/> is true.</param>
/// <param name="Capabilities">The <c>capabilities</c> URNs; with <paramref name="Harness"/>, added to the harness's own.</param>
/// <param name="Harness">True for a copy of the FakeHarness's EXTERNAL environment (its endpoint and capabilities).</param>
public sealed record EnvironmentSpec(string Id, string? Urn, IReadOnlyList<string> Capabilities, bool Harness);
