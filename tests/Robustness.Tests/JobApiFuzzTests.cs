using Grpc.Core;
using Google.Protobuf;
using Org.Apache.Beam.Model.JobManagement.V1;

namespace BeamConformance.Robustness.Tests;

/// <summary>
/// Seeded fuzzing of the job port: mutated pipelines, bytes that are no PrepareJobRequest, and every JobService method
/// with hostile ids. Every answer must be one of the statuses the method documents (never UNKNOWN, never a
/// "ReferenceRunner bug"), and after every case the runner process must be alive and answer GetJobs.
/// </summary>
public sealed class JobApiFuzzTests(FuzzRunner runner)
{
    [Fact]
    public async Task Mutated_pipelines_are_prepared_or_refused_with_INVALID_ARGUMENT()
    {
        using var channel = runner.NewJobChannel();
        var jobs = channel.CreateCallInvoker();
        var cases = 700 * FuzzCase.Scale;
        var outcomes = new Dictionary<StatusCode, int>();
        for (var i = 0; i < cases; i++)
        {
            var random = FuzzCase.RandomFor(nameof(Mutated_pipelines_are_prepared_or_refused_with_INVALID_ARGUMENT), i);
            var pipeline = Pipelines.Valid();
            var what = new PipelineMutator(random).Mutate(pipeline);
            var fuzzCase = new FuzzCase(nameof(JobApiFuzzTests), FuzzCase.RunSeed, i, what);
            var code = StatusCode.OK;
            try
            {
                var prepared = await new JobService.JobServiceClient(jobs).PrepareAsync(new PrepareJobRequest { Pipeline = pipeline, JobName = "fuzz" }, FuzzRunner.Options(60)).ResponseAsync;
                if (random.Next(10) == 0)
                {
                    // Staged (no dependencies) and run: the worker pool is unreachable, so the job must end FAILED (or DONE).
                    await JobClient.StageNothingAsync(jobs, prepared.StagingSessionToken);
                    await new JobService.JobServiceClient(jobs).RunAsync(new RunJobRequest { PreparationId = prepared.PreparationId }, FuzzRunner.Options()).ResponseAsync;
                    var end = await JobClient.TerminalStateAsync(jobs, prepared.PreparationId, TimeSpan.FromSeconds(30));
                    Assert.True(end is JobState.Types.Enum.Failed or JobState.Types.Enum.Done, $"{fuzzCase}: the job ended {end}");
                }
            }
            catch (RpcException e)
            {
                code = e.StatusCode;
                Assert.True(e.StatusCode == StatusCode.InvalidArgument, $"{fuzzCase}: Prepare answered {e.StatusCode}: {Head(e.Status.Detail)}");
                Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(e.Status.Detail), 1, 2048 * 3);
            }

            outcomes[code] = outcomes.GetValueOrDefault(code) + 1;
            await runner.AssertAliveAsync(fuzzCase);
        }

        TestContext.Current.SendDiagnosticMessage($"{cases} mutated pipelines: {string.Join(", ", outcomes.Select(static o => $"{o.Key} {o.Value}"))}");
        Assert.True(outcomes.GetValueOrDefault(StatusCode.OK) > cases / 20, "almost no mutated pipeline was accepted: the mutations are too blunt to reach the runner's deeper checks");
    }

    [Fact]
    public async Task Bytes_that_are_no_PrepareJobRequest_are_refused_without_harm()
    {
        var valid = new PrepareJobRequest { Pipeline = Pipelines.Valid(), JobName = "fuzz" }.ToByteArray();
        var cases = 600 * FuzzCase.Scale;
        for (var i = 0; i < cases; i++)
        {
            var random = FuzzCase.RandomFor(nameof(Bytes_that_are_no_PrepareJobRequest_are_refused_without_harm), i);
            var bytes = (byte[])valid.Clone();
            var flips = random.Next(1, 20);
            for (var f = 0; f < flips; f++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            if (random.Next(4) == 0)
            {
                bytes = bytes[..random.Next(bytes.Length)];
            }

            var fuzzCase = new FuzzCase(nameof(JobApiFuzzTests), FuzzCase.RunSeed, i, $"PrepareJobRequest with {flips} random bytes, {bytes.Length} bytes long");
            var result = await RawGrpcCall.UnaryAsync(runner.JobEndpoint, "/org.apache.beam.model.job_management.v1.JobService/Prepare", bytes, TestContext.Current.CancellationToken);

            // OK (a still valid request), INVALID_ARGUMENT (a bad pipeline), INTERNAL (the transport cannot parse the message).
            Assert.True(result.Status is 0 or 3 or 13, $"{fuzzCase}: grpc-status {result.Status} {result.Headers.GetValueOrDefault("grpc-message")}");
            Assert.DoesNotContain("ReferenceRunner bug", Uri.UnescapeDataString(result.Headers.GetValueOrDefault("grpc-message") ?? ""), StringComparison.Ordinal);
            await runner.AssertAliveAsync(fuzzCase);
        }
    }

    [Fact]
    public async Task Every_job_method_answers_hostile_ids_with_its_documented_statuses()
    {
        using var channel = runner.NewJobChannel();
        var jobs = channel.CreateCallInvoker();
        var prepared = await new JobService.JobServiceClient(jobs).PrepareAsync(new PrepareJobRequest { Pipeline = Pipelines.Valid(), JobName = "target" }, FuzzRunner.Options()).ResponseAsync;
        var cases = 800 * FuzzCase.Scale;
        for (var i = 0; i < cases; i++)
        {
            var random = FuzzCase.RandomFor(nameof(Every_job_method_answers_hostile_ids_with_its_documented_statuses), i);
            var id = random.Next(5) == 0 ? prepared.PreparationId : new PipelineMutator(random).Garbage();
            var method = random.Next(7);
            var fuzzCase = new FuzzCase(nameof(JobApiFuzzTests), FuzzCase.RunSeed, i, $"method {method} with an id of {id.Length} chars");
            try
            {
                var options = FuzzRunner.Options(5);
                switch (method)
                {
                    case 0: await new JobService.JobServiceClient(jobs).RunAsync(new RunJobRequest { PreparationId = id }, options).ResponseAsync; break;
                    case 1: await new JobService.JobServiceClient(jobs).GetStateAsync(new GetJobStateRequest { JobId = id }, options).ResponseAsync; break;
                    case 2: await new JobService.JobServiceClient(jobs).GetPipelineAsync(new GetJobPipelineRequest { JobId = id }, options).ResponseAsync; break;
                    case 3: await new JobService.JobServiceClient(jobs).GetJobMetricsAsync(new GetJobMetricsRequest { JobId = id }, options).ResponseAsync; break;
                    case 4: await new JobService.JobServiceClient(jobs).DrainAsync(new DrainJobRequest { JobId = id }, options).ResponseAsync; break;
                    case 5:
                        using (var call = new JobService.JobServiceClient(jobs).GetMessageStream(new JobMessagesRequest { JobId = id }, FuzzRunner.Options(0.5)))
                        {
                            while (await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
                            {
                            }
                        }

                        break;
                    default: await new JobService.JobServiceClient(jobs).CancelAsync(new CancelJobRequest { JobId = id }, options).ResponseAsync; break;
                }
            }
            catch (RpcException e)
            {
                Assert.True(
                    e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.Unimplemented or StatusCode.DeadlineExceeded,
                    $"{fuzzCase}: {e.StatusCode}: {Head(e.Status.Detail)}");
                if (e.StatusCode != StatusCode.DeadlineExceeded) // the client's own deadline: grpc-dotnet gives it no detail
                {
                    Assert.True(System.Text.Encoding.UTF8.GetByteCount(e.Status.Detail) is >= 1 and <= 2048 * 3, $"{fuzzCase}: {e.StatusCode} with a detail of {System.Text.Encoding.UTF8.GetByteCount(e.Status.Detail)} bytes");
                }
            }

            await runner.AssertAliveAsync(fuzzCase);
        }
    }

    private static string Head(string text) => text.Length <= 500 ? text : text[..500] + "...";
}
