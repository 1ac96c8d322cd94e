using Grpc.Core;

namespace BeamConformance.GrpcInterop.Tests.Interop;

/// <summary>Our server against the grpc-js client: every scenario of interop/grpc/client.js.</summary>
public sealed class GrpcJsClientToOurServerTests : IClassFixture<OurEchoServerFixture>
{
    private readonly OurEchoServerFixture _server;

    public GrpcJsClientToOurServerTests(OurEchoServerFixture server) => _server = server;

    public static TheoryData<string> Scenarios => new(EchoMethods.Scenarios);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario(string scenario)
    {
        InteropPeer.Node.Require();
        await InteropPeer.Node.RunClientAsync(_server.Port, scenario, TestContext.Current.CancellationToken);
    }
}

/// <summary>Our server against the python3-grpcio client: every scenario of interop/grpc/client.py.</summary>
public sealed class GrpcioClientToOurServerTests : IClassFixture<OurEchoServerFixture>
{
    private readonly OurEchoServerFixture _server;

    public GrpcioClientToOurServerTests(OurEchoServerFixture server) => _server = server;

    public static TheoryData<string> Scenarios => new(EchoMethods.Scenarios);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario(string scenario)
    {
        InteropPeer.Python.Require();
        await InteropPeer.Python.RunClientAsync(_server.Port, scenario, TestContext.Current.CancellationToken);
    }
}

/// <summary>Our client against the grpc-js server (interop/grpc/server.js).</summary>
public sealed class OurClientToGrpcJsServerTests
{
    public static TheoryData<string> Scenarios => new(EchoMethods.Scenarios);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario(string scenario)
    {
        InteropPeer.Node.Require();
        await using var server = await PeerServer.StartAsync(InteropPeer.Node);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}");
        await CSharpClientScenarios.RunAsync(scenario, channel.CreateCallInvoker());
    }
}

/// <summary>Our client against the python3-grpcio server (interop/grpc/server.py).</summary>
public sealed class OurClientToGrpcioServerTests
{
    public static TheoryData<string> Scenarios => new(EchoMethods.Scenarios);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario(string scenario)
    {
        InteropPeer.Python.Require();
        await using var server = await PeerServer.StartAsync(InteropPeer.Python);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}");
        await CSharpClientScenarios.RunAsync(scenario, channel.CreateCallInvoker());
    }
}

/// <summary>Our client against our server with the same scenarios: both ends of the table agree.</summary>
public sealed class OurClientToOurServerTests : IClassFixture<OurEchoServerFixture>
{
    private readonly OurEchoServerFixture _server;

    public OurClientToOurServerTests(OurEchoServerFixture server) => _server = server;

    public static TheoryData<string> Scenarios => new(EchoMethods.Scenarios);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario(string scenario)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_server.Port}");
        await CSharpClientScenarios.RunAsync(scenario, channel.CreateCallInvoker());
    }
}
