using BeamConformance.Protos.Hosting;
using System.Security.Cryptography;
using Google.Protobuf;
using BeamConformance.ReferenceRunner.Tests.Hosting;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Artifacts;

/// <summary>ReverseArtifactRetrievalService: the runner pulls every dependency and rewrites it to a staged file.</summary>
public sealed class ArtifactStagingTests : IDisposable
{
    private readonly string _source = Directory.CreateTempSubdirectory("beam-sdk-side-").FullName;

    public void Dispose() => Directory.Delete(_source, recursive: true);

    [Fact]
    public async Task Staging_pulls_every_dependency_of_every_environment_and_rewrites_it_to_a_staged_file()
    {
        await using var runner = await RunnerHarness.StartAsync();
        var small = Write("main_session.pkl", 0);
        var large = Write("workflow.tar.gz", 2000);
        var other = Write("other.jar", 10);
        var pipeline = Pipelines.ImpulseParDo(Pipelines.External());
        var embedded = new ArtifactInformation
        {
            TypeUrn = "beam:artifact:type:embedded:v1",
            TypePayload = new EmbeddedFilePayload { Data = ByteString.CopyFromUtf8("requests==2.0\n") }.ToByteString(),
            RoleUrn = "beam:artifact:role:pip_requirements_file:v1",
        };
        var url = new ArtifactInformation { TypeUrn = "beam:artifact:type:url:v1", TypePayload = new ArtifactUrlPayload { Url = "https://example.com/x.whl" }.ToByteString() };
        pipeline.Components.Environments["env"].Dependencies.Add([Pipelines.FileArtifact(small.Path, "pickled_main_session"), Pipelines.FileArtifact(large.Path, "workflow.tar.gz"), embedded, url]);
        var second = Pipelines.External("127.0.0.1:2");
        second.Dependencies.Add(Pipelines.FileArtifact(other.Path, "other.jar"));
        pipeline.Components.Environments["env2"] = second;
        var prepared = await runner.PrepareAsync(pipeline);
        var client = new StagingClient(prepared.ArtifactStagingEndpoint.Url, chunkBytes: 700);

        // Returns only because the runner ends the stream: the client never half-closes.
        await client.StageAsync(prepared.StagingSessionToken);
        var staged = (await runner.CallAsync((c, o) => c.GetPipelineAsync(new GetJobPipelineRequest { JobId = prepared.PreparationId }, o))).Pipeline;

        Assert.Equal(
            // Environments in id order; embedded and URL artifacts are not fetched.
            ["resolve 4", $"get {small.Path}", $"get {large.Path}", "resolve 1", $"get {other.Path}"],
            client.Requests.Select(r => r.RequestCase == ArtifactRequestWrapper.RequestOneofCase.ResolveArtifact
                ? $"resolve {r.ResolveArtifact.Artifacts.Count}"
                : $"get {ArtifactFilePayload.Parser.ParseFrom(r.GetArtifact.Artifact.TypePayload).Path}"));
        var deps = staged.Components.Environments["env"].Dependencies;
        AssertStaged(runner, deps[0], "pickled_main_session", small.Bytes, pipeline.Components.Environments["env"].Dependencies[0]);
        AssertStaged(runner, deps[1], "workflow.tar.gz", large.Bytes, pipeline.Components.Environments["env"].Dependencies[1]);
        AssertStaged(runner, deps[2], "artifact", "requests==2.0\n"u8.ToArray(), embedded);
        Assert.Equal(url, deps[3]);
        AssertStaged(runner, staged.Components.Environments["env2"].Dependencies[0], "other.jar", other.Bytes, second.Dependencies[0]);
    }

    public static TheoryData<string, string> UnwritableNames => new()
    {
        // Up and out of the job's directory.
        { "../../../escaped.txt", "would escape the job's staging directory" },
        // Up exactly to the artifact's own directory's parent.
        { "..", "would escape the job's staging directory" },
        // Down then further up.
        { "sub/../../../../escaped.txt", "would escape the job's staging directory" },
        // An absolute path.
        { "/tmp/escaped.txt", "would escape the job's staging directory" },
        // A NUL character (no file system takes one).
        { "a\0b.jar", "contains a NUL character" },
        // A component one byte over Linux's NAME_MAX.
        { "lib/" + new string('n', 256), "has a path component of 256 bytes, more than the file system's limit of 255" },
        // Multi-byte characters count in bytes: 128 two-byte letters.
        { new string('\u017e', 128), "has a path component of 256 bytes, more than the file system's limit of 255" },
        // A whole name over 1,024 bytes in components of 200.
        { string.Join('/', Enumerable.Repeat(new string('d', 200), 6)), "is 1205 bytes long, more than the limit of 1024" },
        // A directory, not a file.
        { "lib/", "names a directory, not a file" },
    };

    [Theory]
    [MemberData(nameof(UnwritableNames))]
    public async Task A_staged_name_no_file_can_have_is_INVALID_ARGUMENT(string stagedName, string why)
    {
        await using var runner = await RunnerHarness.StartAsync();
        var file = Write("payload.bin", 16);
        var pipeline = Pipelines.ImpulseParDo(Pipelines.External());
        pipeline.Components.Environments["env"].Dependencies.Add(Pipelines.FileArtifact(file.Path, stagedName));
        var prepared = await runner.PrepareAsync(pipeline);

        var error = await Assert.ThrowsAsync<RpcException>(() => new StagingClient(prepared.ArtifactStagingEndpoint.Url).StageAsync(prepared.StagingSessionToken));
        var run = await Assert.ThrowsAsync<RpcException>(() => runner.CallAsync((c, o) => c.RunAsync(new RunJobRequest { PreparationId = prepared.PreparationId }, o)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal($"Artifact staging: artifact 0 of environment 'env' (beam:artifact:type:file:v1): staged name '{stagedName}' {why}.", error.Status.Detail);
        Assert.Empty(Directory.EnumerateFiles(runner.Server.StagingDirectory, "*", SearchOption.AllDirectories));
        Assert.False(File.Exists("/tmp/escaped.txt"));
        Assert.Equal(StatusCode.FailedPrecondition, run.StatusCode);
        var message = Assert.Single(await runner.MessagesAsync(prepared.PreparationId, 1));
        Assert.Equal((JobMessage.Types.MessageImportance.JobMessageError, error.Status.Detail), (message.Importance, message.MessageText));
    }

    /// <summary>
    /// The staging deadline runs on the runner's clock: with a fake clock the default 10 minutes pass in no time, exactly
    /// when the clock says so (one second short of them the job is still waiting for its artifacts).
    /// </summary>
    [Fact]
    public async Task A_staging_client_that_stops_answering_gets_DEADLINE_EXCEEDED_and_its_job_fails()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        await using var runner = await RunnerHarness.StartAsync(new BeamConformance.ReferenceRunner.Hosting.ReferenceRunnerOptions { TimeProvider = clock });
        var pipeline = Pipelines.ImpulseParDo(Pipelines.External());
        pipeline.Components.Environments["env"].Dependencies.Add(Pipelines.FileArtifact("/nowhere/dep.jar", "dep.jar"));
        var prepared = await runner.PrepareAsync(pipeline);
        using var channel = GrpcChannels.ForEndpoint(prepared.ArtifactStagingEndpoint.Url);
        using var call = new ArtifactStagingService.ArtifactStagingServiceClient(channel).ReverseArtifactRetrievalService(RunnerHarness.Options());

        // The token, then silence: the ResolveArtifacts request (read here, so the deadline is running) is never answered.
        await call.RequestStream.WriteAsync(new ArtifactResponseWrapper { StagingToken = prepared.StagingSessionToken }, TestContext.Current.CancellationToken);
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.NotNull(call.ResponseStream.Current.ResolveArtifact);
        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.Equal(JobState.Types.Enum.Stopped, (await runner.CallAsync((c, o) => c.GetStateAsync(new GetJobStateRequest { JobId = prepared.PreparationId }, o))).State);
        clock.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
            {
            }
        });

        var reason = $"Artifact staging for job {prepared.PreparationId} did not finish within the staging deadline of 600 s.";
        Assert.Equal((StatusCode.DeadlineExceeded, reason), (error.StatusCode, error.Status.Detail));
        Assert.Equal([JobState.Types.Enum.Stopped, JobState.Types.Enum.Failed], await runner.StatesUntilEndAsync(prepared.PreparationId));
        var message = Assert.Single(await runner.MessagesAsync(prepared.PreparationId, 1));
        Assert.Equal(reason, message.MessageText);
    }

    [Fact]
    public async Task A_staged_name_with_sub_directories_inside_the_job_directory_is_accepted()
    {
        await using var runner = await RunnerHarness.StartAsync();
        var file = Write("payload.bin", 16);
        var pipeline = Pipelines.ImpulseParDo(Pipelines.External());
        pipeline.Components.Environments["env"].Dependencies.Add(Pipelines.FileArtifact(file.Path, "lib/./deps/payload.bin"));
        var prepared = await runner.PrepareAsync(pipeline);

        await new StagingClient(prepared.ArtifactStagingEndpoint.Url).StageAsync(prepared.StagingSessionToken);
        var staged = (await runner.CallAsync((c, o) => c.GetPipelineAsync(new GetJobPipelineRequest { JobId = prepared.PreparationId }, o))).Pipeline;

        var path = ArtifactFilePayload.Parser.ParseFrom(staged.Components.Environments["env"].Dependencies[0].TypePayload).Path;
        Assert.EndsWith("/lib/deps/payload.bin", path, StringComparison.Ordinal);
        Assert.Equal(file.Bytes, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
    }

    private static void AssertStaged(RunnerHarness runner, ArtifactInformation staged, string fileName, byte[] content, ArtifactInformation original)
    {
        Assert.Equal("beam:artifact:type:file:v1", staged.TypeUrn);
        var payload = ArtifactFilePayload.Parser.ParseFrom(staged.TypePayload);
        Assert.StartsWith(runner.Server.StagingDirectory + "/", payload.Path, StringComparison.Ordinal);
        Assert.Equal(fileName, Path.GetFileName(payload.Path));
        Assert.Equal(content, File.ReadAllBytes(payload.Path));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), payload.Sha256);
        Assert.Equal(original.RoleUrn, staged.RoleUrn);
        Assert.Equal(original.RolePayload, staged.RolePayload);
    }

    private (string Path, byte[] Bytes) Write(string name, int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        var path = Path.Combine(_source, name);
        File.WriteAllBytes(path, bytes);
        return (path, bytes);
    }
}
