using BeamConformance.Protos.Hosting;
using Grpc.Core;
using Grpc.Net.Client;

namespace BeamConformance.GrpcInterop.Tests;

/// <summary>An in-process <see cref="GrpcServer"/> with the test's methods bound, and a channel to it.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(GrpcServer server, GrpcChannel channel)
    {
        Server = server;
        Channel = channel;
        Invoker = channel.CreateCallInvoker();
    }

    public GrpcServer Server { get; }

    public GrpcChannel Channel { get; }

    public CallInvoker Invoker { get; }

    public static async Task<TestServer> StartAsync(Action<GrpcServer> bind, GrpcServerOptions? options = null, GrpcChannelOptions? channelOptions = null)
    {
        var server = new GrpcServer(options);
        bind(server);
        var address = await server.StartAsync(TestContext.Current.CancellationToken);
        return new TestServer(server, GrpcChannels.ForEndpoint(address, channelOptions));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Server.DisposeAsync();
    }
}
