using BeamConformance.ReferenceRunner.Hosting.Internal;
using BeamConformance.ReferenceRunner.Tests.Hosting;
using Grpc.Core;
using Google.Protobuf;
using Google.Rpc;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Jobs;

/// <summary>
/// Errors that always arrive (issue 12): a refused Prepare carries a capped message and a
/// <c>grpc-status-details-bin</c> trailer with a google.rpc.BadRequest; any long status message is capped.
/// </summary>
public sealed class StatusDetailsTests
{
    [Fact]
    public async Task A_few_problems_are_all_in_the_message_and_in_the_BadRequest_details()
    {
        await using var runner = await RunnerHarness.StartAsync();

        var pipeline = WithStrays(Pipelines.ImpulseParDo(Pipelines.External()), 2, 4);
        var error = await Assert.ThrowsAsync<RpcException>(() => runner.PrepareAsync(pipeline));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            """
            pipeline not supported by the ReferenceRunner (2 problems):
            - s0000: transform URN 'beam:transform:made_up:v1': unknown or unsupported leaf transform
            - s0001: transform URN 'beam:transform:made_up:v1': unknown or unsupported leaf transform
            """.ReplaceLineEndings("\n"),
            error.Status.Detail);
        var status = await DetailsAsync(runner, pipeline);
        Assert.Equal((int)Code.InvalidArgument, status.Code);
        Assert.Equal(error.Status.Detail, status.Message);
        var request = Assert.Single(status.Details).Unpack<BadRequest>();
        Assert.Equal(
            ["s0000|transform URN 'beam:transform:made_up:v1': unknown or unsupported leaf transform", "s0001|transform URN 'beam:transform:made_up:v1': unknown or unsupported leaf transform"],
            request.FieldViolations.Select(static v => $"{v.Field}|{v.Description}"));
    }

    [Fact]
    public async Task Twenty_thousand_problems_arrive_capped_with_the_first_ones_and_a_count()
    {
        await using var runner = await RunnerHarness.StartAsync();

        var pipeline = WithStrays(Pipelines.ImpulseParDo(Pipelines.External()), 20_000, 40);
        var error = await Assert.ThrowsAsync<RpcException>(() => runner.PrepareAsync(pipeline));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var lines = error.Status.Detail.Split('\n');
        Assert.Equal("pipeline not supported by the ReferenceRunner (20000 problems):", lines[0]);
        Assert.StartsWith("- s0000", lines[1], StringComparison.Ordinal);
        Assert.Equal($"... and {20_001 - lines.Length + 1} more", lines[^1]);
        Assert.InRange(error.Status.Detail.Length + lines.Length * 2, 1500, StatusDetails.MaxMessageBytes);
        var status = await DetailsAsync(runner, pipeline);
        Assert.Equal(error.Status.Detail, status.Message);
        var violations = Assert.Single(status.Details).Unpack<BadRequest>().FieldViolations;
        Assert.Equal("...", violations[^1].Field);
        Assert.Equal($"and {20_000 - violations.Count + 1} more (not sent: the details must fit in the response headers)", violations[^1].Description);
        Assert.Equal([.. Enumerable.Range(0, violations.Count - 1).Select(i => $"s{i:D4}{new string('x', 35)}")], violations.SkipLast(1).Select(static v => v.Field));
        var trailerBytes = Convert.ToBase64String(status.ToByteArray()).Length + error.Status.Detail.Length + lines.Length * 2;
        Assert.InRange(trailerBytes, 6000, StatusDetails.MaxTrailerBytes);
    }

    [Fact]
    public async Task A_megabyte_job_id_is_NOT_FOUND_with_a_capped_message()
    {
        await using var runner = await RunnerHarness.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => runner.CallAsync((c, o) => c.GetStateAsync(new GetJobStateRequest { JobId = new string('j', 1 << 20) }, o)));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.StartsWith("GetJobStateRequest.job_id 'jjjj", error.Status.Detail, StringComparison.Ordinal);
        Assert.EndsWith("jjj...", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusDetails.MaxMessageBytes - 64, error.Status.Detail.Length);
    }

    /// <summary>Adds <paramref name="count"/> transforms with an unknown URN, ids <c>sNNNN</c> padded with x to <paramref name="idLength"/> characters.</summary>
    internal static Pipeline WithStrays(Pipeline pipeline, int count, int idLength)
    {
        for (var i = 0; i < count; i++)
        {
            var id = $"s{i:D4}".PadRight(idLength, 'x');
            pipeline.Components.Transforms[id] = new PTransform { UniqueName = id, Spec = new FunctionSpec { Urn = "beam:transform:made_up:v1" } };
        }

        return pipeline;
    }

    // The details trailer of a refused Prepare, as grpc-dotnet's client hands it over (RpcException.Trailers).
    private static async Task<Google.Rpc.Status> DetailsAsync(RunnerHarness runner, Pipeline pipeline)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => runner.CallAsync((c, o) => c.PrepareAsync(new PrepareJobRequest { Pipeline = pipeline, JobName = "details" }, o)));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        return Google.Rpc.Status.Parser.ParseFrom(error.Trailers.GetValueBytes(StatusDetails.TrailerKey) ?? throw new InvalidOperationException($"no {StatusDetails.TrailerKey} trailer"));
    }
}
