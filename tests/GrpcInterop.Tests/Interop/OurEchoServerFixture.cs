using Grpc.Core;

namespace BeamConformance.GrpcInterop.Tests.Interop;

/// <summary>Our server with the C# interop.Echo service, shared by a test class.</summary>
public sealed class OurEchoServerFixture : IAsyncLifetime
{
    private readonly GrpcServer _server = new();

    /// <summary>The bound port.</summary>
    public int Port => _server.Port;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        new CSharpEchoService().Bind(_server);
        await _server.StartAsync();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
