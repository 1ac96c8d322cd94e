using Grpc.Core;
using Google.Protobuf;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Robustness.Tests;

/// <summary>
/// Seeded fuzzing of artifact staging: dependencies with hostile staged names (NULs, long components, climbing paths,
/// absolute paths) and an SDK side that answers badly (wrong reply types, garbage chunks, early ends). Staging must
/// succeed or fail with INVALID_ARGUMENT (or FAILED_PRECONDITION / NOT_FOUND for a bad token), never write a file
/// outside the runner's staging directory, and leave the runner alive.
/// </summary>
public sealed class StagingFuzzTests(FuzzRunner runner)
{
    [Fact]
    public async Task Hostile_staging_fails_with_INVALID_ARGUMENT_and_writes_nothing_outside_the_staging_directory()
    {
        var cases = 400 * FuzzCase.Scale;
        var outside = Directory.CreateTempSubdirectory("beam-fuzz-outside-").FullName;
        try
        {
            for (var i = 0; i < cases; i++)
            {
                var random = FuzzCase.RandomFor(nameof(Hostile_staging_fails_with_INVALID_ARGUMENT_and_writes_nothing_outside_the_staging_directory), i);

                // A connection per case, as each SDK client has its own: streams this case breaks off count against
                // the transport's per-connection reset limit (Kestrel answers ENHANCE_YOUR_CALM past it).
                using var channel = runner.NewJobChannel();
                var jobs = channel.CreateCallInvoker();
                var name = random.Next(8) switch
                {
                    0 => "a\0b",
                    1 => new string('n', random.Next(200, 400)),
                    2 => "../../" + Path.GetFileName(outside) + "/escaped",
                    3 => outside + "/escaped",
                    4 => "dir/",
                    5 => string.Join('/', Enumerable.Repeat("d", random.Next(1, 600))),
                    6 => "ok.jar",
                    _ => "žluťoučký/kůň.jar",
                };
                var pipeline = Pipelines.Valid();
                pipeline.Components.Environments["env"].Dependencies.Add(new ArtifactInformation
                {
                    TypeUrn = "beam:artifact:type:file:v1",
                    TypePayload = new ArtifactFilePayload { Path = "/sdk/side/dep.jar" }.ToByteString(),
                    RoleUrn = "beam:artifact:role:staging_to:v1",
                    RolePayload = new ArtifactStagingToRolePayload { StagedName = name }.ToByteString(),
                });
                var prepared = await new JobService.JobServiceClient(jobs).PrepareAsync(new PrepareJobRequest { Pipeline = pipeline, JobName = "staging-fuzz" }, FuzzRunner.Options()).ResponseAsync;
                var behaviour = random.Next(5);
                var fuzzCase = new FuzzCase(nameof(StagingFuzzTests), FuzzCase.RunSeed, i, $"staged name of {name.Length} chars, behaviour {behaviour}");
                try
                {
                    await StageAsync(jobs, prepared.StagingSessionToken, behaviour, random);
                }
                catch (RpcException e)
                {
                    Assert.True(e.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.NotFound, $"{fuzzCase}: {e.StatusCode}: {e.Status.Detail}");
                }

                Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
                await runner.AssertAliveAsync(fuzzCase);
            }
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    // 0: a proper SDK; 1: the wrong reply type; 2: chunks then the stream ends; 3: a bad token; 4: garbage chunks then is_last.
    private static async Task StageAsync(CallInvoker jobs, string token, int behaviour, Random random)
    {
        using var call = new ArtifactStagingService.ArtifactStagingServiceClient(jobs).ReverseArtifactRetrievalService(FuzzRunner.Options());
        var ct = TestContext.Current.CancellationToken;
        await call.RequestStream.WriteAsync(new ArtifactResponseWrapper { StagingToken = behaviour == 3 ? token + "\0" : token }, ct);
        while (await call.ResponseStream.MoveNext(ct))
        {
            var request = call.ResponseStream.Current;
            if (request.RequestCase == ArtifactRequestWrapper.RequestOneofCase.ResolveArtifact)
            {
                var resolved = new ResolveArtifactsResponse();
                resolved.Replacements.Add(request.ResolveArtifact.Artifacts);
                await call.RequestStream.WriteAsync(behaviour == 1
                    ? new ArtifactResponseWrapper { GetArtifactResponse = new GetArtifactResponse() }
                    : new ArtifactResponseWrapper { ResolveArtifactResponse = resolved }, ct);
                continue;
            }

            var bytes = new byte[random.Next(0, 3000)];
            random.NextBytes(bytes);
            await call.RequestStream.WriteAsync(new ArtifactResponseWrapper { GetArtifactResponse = new GetArtifactResponse { Data = ByteString.CopyFrom(bytes) } }, ct);
            if (behaviour == 2)
            {
                await call.RequestStream.CompleteAsync();
                continue;
            }

            await call.RequestStream.WriteAsync(new ArtifactResponseWrapper { IsLast = true, GetArtifactResponse = new GetArtifactResponse() }, ct);
        }
    }
}
