using Google.Protobuf;
using BeamConformance.ReferenceRunner.Hosting;
using BeamConformance.ReferenceRunner.Tests.Hosting;
using Grpc.Core;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Artifacts;

/// <summary>ArtifactRetrievalService on the Fn API port: what workers fetch after staging.</summary>
public sealed class ArtifactRetrievalTests
{
    [Fact]
    public async Task GetArtifact_streams_a_staged_file_in_chunks_of_the_configured_size()
    {
        await using var runner = await RunnerHarness.StartAsync(new ReferenceRunnerOptions { ArtifactChunkBytes = 1024 });
        var staged = await StageAsync(runner, 2500);

        var chunks = await ReadAsWorkerAsync(runner, staged.JobId, staged.Artifact);

        Assert.Equal([1024, 1024, 452], chunks.Select(c => c.Data.Length));
        Assert.Equal(staged.Bytes, chunks.SelectMany(c => c.Data.ToByteArray()).ToArray());
    }

    [Fact]
    public async Task ResolveArtifacts_answers_the_artifacts_unchanged()
    {
        await using var runner = await RunnerHarness.StartAsync();
        var staged = await StageAsync(runner, 10);
        var request = new ResolveArtifactsRequest { Artifacts = { staged.Artifact }, PreferredUrns = { "beam:artifact:type:file:v1" } };

        var response = await new ArtifactRetrievalService.ArtifactRetrievalServiceClient(runner.Fn).ResolveArtifactsAsync(request, RunnerHarness.Options()).ResponseAsync;

        Assert.Equal([staged.Artifact], response.Replacements);
    }

    [Fact]
    public async Task GetArtifact_streams_embedded_data()
    {
        await using var runner = await RunnerHarness.StartAsync(new ReferenceRunnerOptions { ArtifactChunkBytes = 4 });
        var artifact = new ArtifactInformation
        {
            TypeUrn = "beam:artifact:type:embedded:v1",
            TypePayload = new EmbeddedFilePayload { Data = ByteString.CopyFromUtf8("0123456789") }.ToByteString(),
        };

        var chunks = await RunnerHarness.ReadAllAsync(o => new ArtifactRetrievalService.ArtifactRetrievalServiceClient(runner.Fn).GetArtifact(new GetArtifactRequest { Artifact = artifact }, o));

        Assert.Equal(["0123", "4567", "89"], chunks.Select(c => c.Data.ToStringUtf8()));
    }

    public static TheoryData<string, StatusCode> Refused => new()
    {
        // A file the runner did not stage.
        { "outside", StatusCode.InvalidArgument },
        // A path that climbs out of the staging root.
        { "climbing", StatusCode.InvalidArgument },
        // A staged path that does not exist.
        { "missing", StatusCode.NotFound },
        // A URL artifact: the runner does not fetch URLs.
        { "url", StatusCode.InvalidArgument },
        // A file another job staged.
        { "other job", StatusCode.InvalidArgument },
        // A staged file asked for without worker_id metadata.
        { "no worker id", StatusCode.PermissionDenied },
        // A staged file asked for by a worker the runner did not start.
        { "unknown worker", StatusCode.PermissionDenied },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task GetArtifact_refuses_what_the_runner_did_not_stage(string kind, StatusCode expected)
    {
        await using var runner = await RunnerHarness.StartAsync();
        var root = runner.Server.StagingDirectory;
        var mine = await StageAsync(runner, 10);
        var artifact = kind switch
        {
            "outside" => File("/etc/hostname"),
            "climbing" => File(root + $"/{mine.JobId}/../../etc/hostname"),
            "missing" => File(root + $"/{mine.JobId}/0/0/absent.bin"),
            "other job" => (await StageAsync(runner, 20)).Artifact,
            "no worker id" or "unknown worker" => mine.Artifact,
            _ => new ArtifactInformation { TypeUrn = "beam:artifact:type:url:v1", TypePayload = new ArtifactUrlPayload { Url = "https://example.com/a" }.ToByteString() },
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => kind switch
        {
            "no worker id" => RunnerHarness.ReadAllAsync(o => new ArtifactRetrievalService.ArtifactRetrievalServiceClient(runner.Fn).GetArtifact(new GetArtifactRequest { Artifact = artifact }, o)),
            "unknown worker" => RunnerHarness.ReadAllAsync(o => new ArtifactRetrievalService.ArtifactRetrievalServiceClient(runner.Fn).GetArtifact(new GetArtifactRequest { Artifact = artifact }, o), new Metadata { { "worker_id", "stranger" } }),
            _ => ReadAsWorkerAsync(runner, mine.JobId, artifact),
        });

        Assert.Equal(expected, error.StatusCode);
    }

    // GetArtifact as a worker of the job (registered the way the runner registers the workers it starts).
    private static async Task<List<GetArtifactResponse>> ReadAsWorkerAsync(RunnerHarness runner, string jobId, ArtifactInformation artifact)
    {
        var workerId = jobId + "-worker";
        if (runner.Server.Workers.Find(workerId) is null)
        {
            runner.Server.Workers.Provide(workerId, new Org.Apache.Beam.Model.FnExecution.V1.ProvisionInfo { RetrievalToken = jobId });
        }

        return await RunnerHarness.ReadAllAsync(o => new ArtifactRetrievalService.ArtifactRetrievalServiceClient(runner.Fn).GetArtifact(new GetArtifactRequest { Artifact = artifact }, o), new Metadata { { "worker_id", workerId } });
    }

    private static ArtifactInformation File(string path) =>
        new() { TypeUrn = "beam:artifact:type:file:v1", TypePayload = new ArtifactFilePayload { Path = path }.ToByteString() };

    private static async Task<(ArtifactInformation Artifact, byte[] Bytes, string JobId)> StageAsync(RunnerHarness runner, int length)
    {
        var source = Path.Combine(Directory.CreateTempSubdirectory("beam-sdk-side-").FullName, "dep.bin");
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        await System.IO.File.WriteAllBytesAsync(source, bytes, TestContext.Current.CancellationToken);
        var pipeline = Pipelines.ImpulseParDo(Pipelines.External());
        pipeline.Components.Environments["env"].Dependencies.Add(Pipelines.FileArtifact(source, "dep.bin"));
        var prepared = await runner.PrepareAsync(pipeline);
        await new StagingClient(prepared.ArtifactStagingEndpoint.Url).StageAsync(prepared.StagingSessionToken);
        var staged = (await runner.CallAsync((c, o) => c.GetPipelineAsync(new GetJobPipelineRequest { JobId = prepared.PreparationId }, o))).Pipeline;
        Directory.Delete(Path.GetDirectoryName(source)!, recursive: true);
        return (staged.Components.Environments["env"].Dependencies[0], bytes, prepared.PreparationId);
    }
}
