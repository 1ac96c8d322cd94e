using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Org.Apache.Beam.Model.JobManagement.V1;

namespace BeamConformance.ReferenceRunner.Tests.Hosting;

/// <summary>What the job endpoint offers tools besides the Job API: health checking, server reflection, gzip requests.</summary>
public sealed class EndpointServicesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("")] // the whole server, as grpc_health_probe asks by default
    [InlineData("org.apache.beam.model.job_management.v1.JobService")] // a named service is not registered: NOT_FOUND
    public async Task Health_Check_answers_for_the_job_endpoint(string service)
    {
        await using var runner = await RunnerHarness.StartAsync();
        var client = new Health.HealthClient(runner.Jobs);
        if (service.Length == 0)
        {
            var response = await client.CheckAsync(new HealthCheckRequest { Service = service }, RunnerHarness.Options());
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
        }
        else
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => client.CheckAsync(new HealthCheckRequest { Service = service }, RunnerHarness.Options()).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
        }
    }

    [Fact]
    public async Task Reflection_lists_the_Job_API_and_serves_its_files()
    {
        await using var runner = await RunnerHarness.StartAsync();
        using var call = new ServerReflection.ServerReflectionClient(runner.Jobs).ServerReflectionInfo(RunnerHarness.Options());

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }, Ct);
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "grpc.health.v1.Health",
                "grpc.reflection.v1alpha.ServerReflection",
                "org.apache.beam.model.job_management.v1.ArtifactStagingService",
                "org.apache.beam.model.job_management.v1.JobService",
            ],
            services);

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "org.apache.beam.model.job_management.v1.JobService" }, Ct);
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        var file = FileDescriptorProto.Parser.ParseFrom(call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal("org/apache/beam/model/job_management/v1/beam_job_api.proto", file.Name);
        Assert.Contains("Prepare", file.Service.Single(s => s.Name == "JobService").Method.Select(m => m.Name));
        await call.RequestStream.CompleteAsync();
    }

    [Fact]
    public async Task Gzip_compressed_requests_are_accepted_on_both_ports()
    {
        await using var runner = await RunnerHarness.StartAsync();
        var gzip = new Metadata { { "grpc-internal-encoding-request", "gzip" } };
        var prepared = await new JobService.JobServiceClient(runner.Jobs).PrepareAsync(
            new PrepareJobRequest { Pipeline = Pipelines.ImpulseParDo(Pipelines.External()), JobName = "gzip" }, RunnerHarness.Options(gzip));
        var jobs = await new JobService.JobServiceClient(runner.Jobs).GetJobsAsync(new GetJobsRequest(), RunnerHarness.Options(gzip));
        Assert.Equal(prepared.PreparationId, Assert.Single(jobs.JobInfo).JobId);

        var request = new ResolveArtifactsRequest();
        request.Artifacts.Add(new Org.Apache.Beam.Model.Pipeline.V1.ArtifactInformation { TypeUrn = "beam:artifact:type:url:v1", RoleUrn = "r" });
        var resolved = await new ArtifactRetrievalService.ArtifactRetrievalServiceClient(runner.Fn).ResolveArtifactsAsync(request, RunnerHarness.Options(gzip));
        Assert.Equal(request.Artifacts, resolved.Replacements);
    }
}
