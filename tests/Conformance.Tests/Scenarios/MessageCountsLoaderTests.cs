using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Tests.Scenarios;

/// <summary>
/// The optional <c>expect_message_stream</c> key <c>message_counts</c> (fragment → messages of any importance containing it)
/// and the job_api step <c>wait_for_message</c>.
/// </summary>
public sealed class MessageCountsLoaderTests
{
    private const string Valid = """
        id: area/behaviour
        description: Messages counted.
        spec: beam_job_api.proto JobMessage
        features: [UsesImpulse]
        pipeline:
          pcollections:
            impulse: {coder: bytes}
          transforms:
            - {name: Impulse, urn: "beam:transform:impulse:v1", outputs: {out: impulse}}
            - {name: Out, urn: "beamconformance:transform:capture:v1", inputs: [impulse]}
        expect:
          outputs: {Out: [{window: global, values: [""]}]}
        job_api:
          - wait_for: [DONE]
          - expect_message_stream: {message_counts: {"bundle retries": 0, "execution mode": 1}}
        """;

    [Fact]
    public void Message_counts_are_read_and_absent_means_empty()
    {
        var s = ScenarioLoader.Load(Valid, "t.yaml");

        var step = Assert.IsType<JobApiStep.ExpectMessageStream>(s.JobApi[1]);
        Assert.Equal(2, step.MessageCounts!.Count);
        Assert.Equal(0, step.MessageCounts["bundle retries"]);
        Assert.Equal(1, step.MessageCounts["execution mode"]);
        Assert.Empty(step.WarningCounts!);

        var without = ScenarioLoader.Load(Valid.Replace("message_counts: {\"bundle retries\": 0, \"execution mode\": 1}", "message_contains: [mode]", StringComparison.Ordinal), "t.yaml");
        Assert.Empty(Assert.IsType<JobApiStep.ExpectMessageStream>(without.JobApi[1]).MessageCounts!);
    }

    [Fact]
    public void Wait_for_message_is_read()
    {
        var s = ScenarioLoader.Load(Valid.Replace("  - wait_for: [DONE]", "  - wait_for_message: \"retries\"", StringComparison.Ordinal), "t.yaml");

        Assert.Equal("retries", Assert.IsType<JobApiStep.WaitForMessage>(s.JobApi[0]).Fragment);
    }

    [Theory]
    [InlineData("\"\"", "key 'wait_for_message': name a non-empty message fragment")]
    [InlineData("[a]", "wait_for_message")]
    public void Bad_wait_for_message_is_an_error(string fragment, string expected)
    {
        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(Valid.Replace("  - wait_for: [DONE]", "  - wait_for_message: " + fragment, StringComparison.Ordinal), "t.yaml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"execution mode\": 1", "\"execution mode\": -1", "key 'execution mode': a count of messages is not negative")]
    [InlineData("\"execution mode\": 1", "\"bundle retries\": 1", "not valid YAML: Duplicate key")]
    [InlineData("{\"bundle retries\": 0, \"execution mode\": 1}", "[a]", "key 'message_counts': expected a mapping of message fragment → count")]
    public void Bad_message_counts_are_errors(string find, string replace, string expected)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(Valid.Replace(find, replace, StringComparison.Ordinal), "t.yaml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
