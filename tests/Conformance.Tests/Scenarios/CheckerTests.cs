using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Tests.Scenarios;

public sealed class CheckerTests
{
    private static readonly ExpectedFailure PrepareInvalid = new(FailurePhase.Prepare, "INVALID_ARGUMENT", null, ["Bogus"]);
    private static readonly ExpectedFailure RunFails = new(FailurePhase.Run, null, JobState.Failed, ["boom"]);

    public static TheoryData<string, ExpectedFailure?, ObservedOutcome, string?> FailureRows => new()
    {
        // Success expected and observed.
        { "done", null, ObservedOutcome.Ran(JobState.Done), null },
        // Success expected, job failed: the job's messages are shown.
        { "failed", null, ObservedOutcome.Ran(JobState.Failed, "boom"), "job ended FAILED, expected DONE; messages: boom" },
        // Success expected, Prepare rejected.
        { "rejected", null, ObservedOutcome.PrepareFailed("INVALID_ARGUMENT", "no"), "Prepare failed with INVALID_ARGUMENT: no" },
        // Prepare rejection as expected, message fragment present.
        { "prepare ok", PrepareInvalid, ObservedOutcome.PrepareFailed("INVALID_ARGUMENT", "transform Bogus: unknown URN"), null },
        // Wrong status code.
        { "prepare status", PrepareInvalid, ObservedOutcome.PrepareFailed("INTERNAL", "Bogus"), "Prepare failed with INTERNAL, expected INVALID_ARGUMENT" },
        // Right status, message not naming the transform.
        { "prepare message", PrepareInvalid, ObservedOutcome.PrepareFailed("INVALID_ARGUMENT", "bad pipeline"), "'Bogus' not found in Prepare's status detail: bad pipeline" },
        // Prepare accepted a pipeline it must reject.
        { "prepare accepted", PrepareInvalid, ObservedOutcome.Ran(JobState.Done), "Prepare succeeded; expected it to fail with INVALID_ARGUMENT" },
        // Run failure as expected.
        { "run failed", RunFails, ObservedOutcome.Ran(JobState.Failed, "bundle failed: boom at 3"), null },
        // Run failure expected, job succeeded.
        { "run done", RunFails, ObservedOutcome.Ran(JobState.Done), "job ended DONE, expected FAILED" },
    };

    [Theory]
    [MemberData(nameof(FailureRows))]
    public void Failure_checker(string label, ExpectedFailure? expected, ObservedOutcome observed, string? problem)
    {
        var result = FailureChecker.Check(expected, observed);

        Assert.True(problem is null == result.Passed, $"{label}: {result.Diff}");
        if (problem is not null)
        {
            Assert.Contains(problem, result.Diff, StringComparison.Ordinal);
        }
    }

    private static readonly byte[] ImpulseBytes = Convert.FromHexString("7fdf3b645a1cac09000000010f00");

    private static readonly ProtocolLog Log = new(
        [("impulse", ImpulseBytes)],
        [new RecordedDescriptor("d1", ["beam:runner:source:v1", "beam:transform:pardo:v1"], HasStateApi: false)],
        [new("iterable_side_input", "side"), new("iterable_side_input", "side") { Continued = true },
            new("bag_user_state", null) { Operation = "append", TransformId = "Count", UserStateId = "bag", KeyHex = "0161", WindowHex = "" }],
        ["register", "process_bundle", "process_bundle"])
    {
        UserStateCacheTokens = ["6a2f30", "6a2f30", "6a2f31"],
    };

    public static TheoryData<string, ProtocolCheck, string?> ProtocolRows => new()
    {
        // The Impulse bytes exactly.
        { "impulse bytes", new ProtocolCheck.DataToHarness("impulse", [ImpulseBytes], false), null },
        // A different pane byte (0x00 instead of 0x0f).
        { "wrong bytes", new ProtocolCheck.DataToHarness("impulse", [Convert.FromHexString("7fdf3b645a1cac09000000010000")], false), "expected [7fdf3b645a1cac09000000010000], actual [7fdf3b645a1cac09000000010f00]" },
        // A descriptor holding both URNs.
        { "descriptor", new ProtocolCheck.Descriptor(["beam:transform:pardo:v1"], false), null },
        // No descriptor with a state endpoint.
        { "descriptor state", new ProtocolCheck.Descriptor(["beam:transform:pardo:v1"], true), "descriptor: none holds [beam:transform:pardo:v1] with state_api=true" },
        // State request counts.
        { "state count", new ProtocolCheck.StateRequests("iterable_side_input", "side", new CountBound(2, null, null)), null },
        { "state at least", new ProtocolCheck.StateRequests("multimap_side_input", null, new CountBound(null, 1, null)), "state_requests multimap_side_input: expected at least 1, actual 0" },
        // State requests filtered by StateKey parts: the exact key, window and state id of an append.
        { "state key", new ProtocolCheck.StateRequests("bag_user_state", null, new CountBound(1, null, null)) { Operation = "append", Transform = "Count", StateId = "bag", KeyHex = "0161", WindowHex = "" }, null },
        // Another key bytes (0162): no such request; the failure lists the requests of that kind.
        { "state key wrong", new ProtocolCheck.StateRequests("bag_user_state", null, new CountBound(1, null, null)) { KeyHex = "0162" }, "state_requests bag_user_state key_hex=0162: expected exactly 1, actual 0; requests of that kind: [append transform=Count state_id=bag key=0161 window=]" },
        // Pages after the first.
        { "continued", new ProtocolCheck.StateRequests("iterable_side_input", null, new CountBound(1, null, null)) { Continued = true }, null },
        // Distinct user-state cache tokens.
        { "tokens", new ProtocolCheck.UserStateCacheTokens(new CountBound(2, null, null)), null },
        { "tokens one", new ProtocolCheck.UserStateCacheTokens(new CountBound(1, null, null)), "user_state_cache_tokens: expected exactly 1 distinct, actual 2 (tokens in order: [6a2f30, 6a2f30, 6a2f31])" },
        // Instruction counts.
        { "bundles", new ProtocolCheck.Instructions("process_bundle", new CountBound(null, 1, 2)), null },
        { "register once", new ProtocolCheck.Instructions("register", new CountBound(null, null, 0)), "instructions register: expected at most 0, actual 1" },
    };

    [Theory]
    [MemberData(nameof(ProtocolRows))]
    public void Protocol_checker(string label, ProtocolCheck check, string? problem)
    {
        var result = ProtocolChecker.Check([check], Log);

        Assert.True(problem is null == result.Passed, $"{label}: {result.Diff}");
        if (problem is not null)
        {
            Assert.Contains(problem, result.Diff, StringComparison.Ordinal);
        }
    }

    [Theory]
    // Structural equality and the canonical text used in diffs.
    [InlineData(new object[] { 1L, 1, true, "1" })]
    [InlineData(new object[] { "a", "a", true, "\"a\"" })]
    [InlineData(new object[] { 2.0, 2.0, true, "2.0" })]
    [InlineData(new object[] { -0.0, 0.0, false, "-0.0" })]
    [InlineData(new object[] { double.PositiveInfinity, double.PositiveInfinity, true, ".inf" })]
    [InlineData(new object[] { 1L, "1", false, "1" })]
    [InlineData(new object[] { true, 1L, false, "true" })]
    public void Values_compare_structurally(object a, object b, bool equal, string canonical)
    {
        Assert.Equal(equal, ScenarioValues.Equal(a, b));
        Assert.Equal(canonical, ScenarioValues.Canonical(a));
    }

    [Fact]
    public void Iterables_compare_as_multisets_and_kvs_by_parts()
    {
        Assert.True(ScenarioValues.Equal(new Model.KV("k", new object[] { 2L, 1L, 2L }), new Model.KV("k", new List<object> { 1L, 2L, 2L })));
        Assert.False(ScenarioValues.Equal(new object[] { 1L, 2L }, new object[] { 1L, 2L, 2L }));
        Assert.Equal("[\"k\", [1, 2, 2]]", ScenarioValues.Canonical(new Model.KV("k", new object[] { 2L, 1L, 2L })));
    }
}
