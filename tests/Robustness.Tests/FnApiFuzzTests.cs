using Grpc.Core;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Robustness.Tests;

/// <summary>
/// Seeded fuzzing of the Fn API port by a worker that misbehaves: each case runs a job whose EXTERNAL worker pool is
/// the test, then plays the worker badly — malformed and unasked-for control responses, data for unknown instructions
/// and garbage data for real ones, state requests for unknown instructions and continuation tokens, junk logs,
/// descriptors, provisioning and artifacts for the wrong ids, streams dropped at random. Afterwards the job must reach a
/// terminal state once cancelled, and the runner process must be alive and answer GetJobs.
/// </summary>
public sealed class FnApiFuzzTests(FuzzRunner runner)
{
    [Fact]
    public async Task A_misbehaving_worker_fails_at_most_its_own_job()
    {
        using var channel = runner.NewJobChannel();
        var jobs = channel.CreateCallInvoker();
        await using var pool = new WorkerPool();
        await pool.StartAsync();
        var cases = 40 * FuzzCase.Scale;
        for (var i = 0; i < cases; i++)
        {
            var random = FuzzCase.RandomFor(nameof(A_misbehaving_worker_fails_at_most_its_own_job), i);
            var prepared = await new JobService.JobServiceClient(jobs).PrepareAsync(new PrepareJobRequest { Pipeline = Pipelines.Valid(pool.Endpoint), JobName = "fn-fuzz" }, FuzzRunner.Options()).ResponseAsync;
            await JobClient.StageNothingAsync(jobs, prepared.StagingSessionToken);
            await new JobService.JobServiceClient(jobs).RunAsync(new RunJobRequest { PreparationId = prepared.PreparationId }, FuzzRunner.Options()).ResponseAsync;
            var started = await pool.NextAsync(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException($"case {i}: the runner started no worker");
            var worker = new HostileWorker(runner, random, random.Next(8) == 0 ? "stranger-" + i : started.WorkerId);
            var what = await worker.MisbehaveAsync();
            var fuzzCase = new FuzzCase(nameof(FnApiFuzzTests), FuzzCase.RunSeed, i, what);

            await new JobService.JobServiceClient(jobs).CancelAsync(new CancelJobRequest { JobId = prepared.PreparationId }, FuzzRunner.Options()).ResponseAsync;
            var end = await JobClient.TerminalStateAsync(jobs, prepared.PreparationId, TimeSpan.FromSeconds(30));
            Assert.True(end is JobState.Types.Enum.Cancelled or JobState.Types.Enum.Failed or JobState.Types.Enum.Done, $"{fuzzCase}: the job was still {end} 30 s after Cancel; runner log:\n{runner.RecentLog()}");
            await worker.DisposeAsync();
            await runner.AssertAliveAsync(fuzzCase);
        }
    }

    /// <summary>One worker's bad behaviour, chosen by the case's generator.</summary>
    private sealed class HostileWorker(FuzzRunner runner, Random random, string workerId) : IAsyncDisposable
    {
        private readonly List<IDisposable> _calls = [];
        private readonly List<string> _done = [];
        private string _instruction = "unknown";

        private CallOptions Options(double seconds = 5) => FuzzRunner.Options(seconds, new Metadata { { "worker_id", workerId } });

        public async Task<string> MisbehaveAsync()
        {
            _done.Add($"worker '{workerId}'");
            for (var n = random.Next(1, 5); n > 0; n--)
            {
                try
                {
                    await (random.Next(6) switch
                    {
                        0 or 1 => ControlAsync(),
                        2 => DataAsync(),
                        3 => StateAsync(),
                        4 => LoggingAsync(),
                        _ => LookupsAsync(),
                    });
                }
                catch (RpcException e)
                {
                    // Refusals are fine; what matters is that the runner lives on.
                    _done.Add($"({e.StatusCode})");
                }
                catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException && !TestContext.Current.CancellationToken.IsCancellationRequested)
                {
                    // The runner ended a stream while this worker still wrote to it.
                    _done.Add($"({e.GetType().Name})");
                }
            }

            return string.Join(", ", _done);
        }

        private async Task ControlAsync()
        {
            var call = new BeamFnControl.BeamFnControlClient(runner.Fn).Control(Options(10));
            _calls.Add(call);
            for (var n = random.Next(1, 6); n > 0; n--)
            {
                if (random.Next(2) == 0 && await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
                {
                    var request = call.ResponseStream.Current;
                    _instruction = request.InstructionId;
                    _done.Add($"got {request.RequestCase}");
                }

                var response = new InstructionResponse { InstructionId = random.Next(3) == 0 ? "no-such-instruction" : _instruction };
                switch (random.Next(5))
                {
                    case 0:
                        response.Error = new string('e', random.Next(1, 100_000));
                        break;
                    case 1:
                        response.ProcessBundle = new ProcessBundleResponse { MonitoringInfos = { new MonitoringInfo { Urn = "beam:metric:element_count:v1", Type = random.Next(2) == 0 ? "beam:metrics:sum_int64:v1" : "x", Payload = ByteString.CopyFrom(Bytes()), Labels = { ["PCOLLECTION"] = "\0" } } } };
                        break;
                    case 2:
                        response.ProcessBundleProgress = new ProcessBundleProgressResponse { MonitoringData = { ["x"] = ByteString.CopyFrom(Bytes()) } };
                        break;
                    case 3:
                        response.ProcessBundleSplit = new ProcessBundleSplitResponse { ResidualRoots = { new DelayedBundleApplication { Application = new BundleApplication { TransformId = "ghost", Element = ByteString.CopyFrom(Bytes()) } } } };
                        break;
                    default:
                        response.Register = new RegisterResponse();
                        break;
                }

                await call.RequestStream.WriteAsync(response, TestContext.Current.CancellationToken);
                _done.Add($"control {response.ResponseCase} for '{response.InstructionId}'");
            }

            if (random.Next(2) == 0)
            {
                await call.RequestStream.CompleteAsync();
                _done.Add("control closed");
            }
        }

        private async Task DataAsync()
        {
            var call = new BeamFnData.BeamFnDataClient(runner.Fn).Data(Options());
            _calls.Add(call);
            var elements = new Elements();
            for (var n = random.Next(1, 5); n > 0; n--)
            {
                elements.Data.Add(new Elements.Types.Data
                {
                    InstructionId = random.Next(2) == 0 ? _instruction : "no-such-instruction",
                    TransformId = random.Next(2) == 0 ? "sum" : "ghost",
                    Data_ = ByteString.CopyFrom(Bytes()),
                    IsLast = random.Next(2) == 0,
                });
                elements.Timers.Add(new Elements.Types.Timers { InstructionId = _instruction, TransformId = "ghost", TimerFamilyId = "t", Timers_ = ByteString.CopyFrom(Bytes()), IsLast = true });
            }

            await call.RequestStream.WriteAsync(elements, TestContext.Current.CancellationToken);
            _done.Add($"data {elements.Data.Count} for '{elements.Data[0].InstructionId}'");
            if (random.Next(2) == 0)
            {
                await call.RequestStream.CompleteAsync();
            }
        }

        private async Task StateAsync()
        {
            using var call = new BeamFnState.BeamFnStateClient(runner.Fn).State(Options());
            var request = new StateRequest
            {
                Id = "s" + random.Next(),
                InstructionId = random.Next(2) == 0 ? _instruction : "no-such-instruction",
                StateKey = random.Next(2) == 0
                    ? new StateKey { IterableSideInput = new StateKey.Types.IterableSideInput { TransformId = "sum", SideInputId = "side", Window = ByteString.CopyFrom(Bytes()) } }
                    : new StateKey { BagUserState = new StateKey.Types.BagUserState { TransformId = "sum", UserStateId = "s", Key = ByteString.CopyFrom(Bytes()) } },
            };
            if (random.Next(2) == 0)
            {
                request.Get = new StateGetRequest { ContinuationToken = ByteString.CopyFromUtf8(random.Next(3) switch { 0 => "next:-5", 1 => "next:99999999999999999999", _ => "garbage" }) };
            }
            else
            {
                request.Append = new StateAppendRequest { Data = ByteString.CopyFrom(Bytes()) };
            }

            await call.RequestStream.WriteAsync(request, TestContext.Current.CancellationToken);
            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
            {
                _done.Add($"state {request.RequestCase} answered '{Short(call.ResponseStream.Current.Error)}'");
            }
        }

        private async Task LoggingAsync()
        {
            using var call = new BeamFnLogging.BeamFnLoggingClient(runner.Fn).Logging(Options());
            var list = new LogEntry.Types.List();
            list.LogEntries.Add(new LogEntry { Severity = (LogEntry.Types.Severity.Types.Enum)random.Next(-1, 9), Message = new string('m', random.Next(0, 200_000)), InstructionId = _instruction });
            await call.RequestStream.WriteAsync(list, TestContext.Current.CancellationToken);
            await call.RequestStream.CompleteAsync();
            _done.Add("log");
        }

        private async Task LookupsAsync()
        {
            switch (random.Next(3))
            {
                case 0:
                    await new BeamFnControl.BeamFnControlClient(runner.Fn).GetProcessBundleDescriptorAsync(new GetProcessBundleDescriptorRequest { ProcessBundleDescriptorId = random.Next(2) == 0 ? "ghost" : "" }, Options()).ResponseAsync;
                    _done.Add("descriptor");
                    break;
                case 1:
                    await new ProvisionService.ProvisionServiceClient(runner.Fn).GetProvisionInfoAsync(new GetProvisionInfoRequest(), Options()).ResponseAsync;
                    _done.Add("provision");
                    break;
                default:
                    var artifact = new ArtifactInformation { TypeUrn = random.Next(2) == 0 ? "beam:artifact:type:file:v1" : "beam:artifact:type:embedded:v1", TypePayload = ByteString.CopyFrom(Bytes()) };
                    using (var call = new ArtifactRetrievalService.ArtifactRetrievalServiceClient(runner.Fn).GetArtifact(new GetArtifactRequest { Artifact = artifact }, Options()))
                    {
                        while (await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
                        {
                        }
                    }

                    _done.Add("artifact");
                    break;
            }
        }

        private byte[] Bytes()
        {
            var bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            return bytes;
        }

        private static string Short(string text) => text.Length <= 80 ? text : text[..80] + "...";

        public ValueTask DisposeAsync()
        {
            foreach (var call in _calls)
            {
                call.Dispose();
            }

            return ValueTask.CompletedTask;
        }
    }
}
