namespace BeamConformance.Conformance.Scenarios;

/// <summary>What a scenario expects: outputs per capture sink, or a failure; plus protocol checks.</summary>
/// <param name="Outputs">Capture transform name → expected panes (empty list: no output).</param>
/// <param name="Failure">The expected failure, or null when the job must succeed.</param>
/// <param name="Protocol">Checks on the recorded Fn API traffic.</param>
public sealed record ScenarioExpectation(
    IReadOnlyDictionary<string, IReadOnlyList<ExpectedPane>> Outputs,
    ExpectedFailure? Failure,
    IReadOnlyList<ProtocolCheck> Protocol);
