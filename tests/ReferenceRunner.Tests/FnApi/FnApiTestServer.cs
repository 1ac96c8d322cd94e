using BeamConformance.ReferenceRunner.FnApi;
using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.FnApi;

/// <summary>FnApiServer on an in-process gRPC server (loopback, free port).</summary>
internal sealed class FnApiTestServer : IAsyncDisposable
{
    private readonly GrpcServer _server;

    private FnApiTestServer(GrpcServer server, FnApiServer services, string endpoint)
    {
        _server = server;
        Services = services;
        Endpoint = endpoint;
    }

    public FnApiServer Services { get; }

    /// <summary>host:port.</summary>
    public string Endpoint { get; }

    public static async Task<FnApiTestServer> StartAsync(FnApiOptions? options = null)
    {
        var services = new FnApiServer(NullLoggerFactory.Instance, options);
        var server = new GrpcServer(new GrpcServerOptions { Port = 0 });
        services.Bind(server);
        var address = await server.StartAsync(TestContext.Current.CancellationToken);
        return new FnApiTestServer(server, services, $"{address.Host}:{address.Port}");
    }

    /// <summary>
    /// Connects a <see cref="TestHarness"/> as worker <paramref name="workerId"/>, expected first (as the runner expects a
    /// worker before starting it: streams from ids it does not expect are NOT_FOUND).
    /// </summary>
    public TestHarness Connect(string workerId, Func<HarnessBundle, Task<HarnessResult>> process, BeamConformance.ReferenceRunner.Execution.IJobMessageSink? messages = null)
    {
        Services.ExpectWorker(workerId, messages);
        return TestHarness.Connect(Endpoint, workerId, process);
    }

    /// <summary>A descriptor with one data source <c>src</c> and the given data sinks.</summary>
    public static ProcessBundleDescriptor Descriptor(string id, params string[] sinks)
    {
        var descriptor = new ProcessBundleDescriptor { Id = id };
        descriptor.Transforms["src"] = new PTransform { UniqueName = "src", Spec = new FunctionSpec { Urn = "beam:runner:source:v1" } };
        foreach (var sink in sinks)
        {
            descriptor.Transforms[sink] = new PTransform { UniqueName = sink, Spec = new FunctionSpec { Urn = "beam:runner:sink:v1" } };
        }

        return descriptor;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
