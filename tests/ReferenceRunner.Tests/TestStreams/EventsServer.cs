using System.Collections.Concurrent;
using BeamConformance.Protos.Hosting;
using Grpc.Core;
using Org.Apache.Beam.Model.Pipeline.V1;
using Event = Org.Apache.Beam.Model.Pipeline.V1.TestStreamPayload.Types.Event;

namespace BeamConformance.ReferenceRunner.Tests.TestStreams;

/// <summary>
/// A real TestStreamService (beam_runner_api.proto) on a Kestrel port: each <c>Events</c> call gets the scripted events,
/// one message each, then, when <see cref="FailWith"/> is set, ends with that status instead of OK.
/// </summary>
internal sealed class EventsServer(IReadOnlyList<Event> events) : TestStreamService.TestStreamServiceBase, IAsyncDisposable
{
    private readonly GrpcServer _server = new();

    /// <summary>The <c>output_ids</c> of every request received.</summary>
    public ConcurrentQueue<string[]> Requests { get; } = new();

    /// <summary>A status to end the stream with after the events, or null to end it normally.</summary>
    public Status? FailWith { get; init; }

    public string Endpoint => $"127.0.0.1:{_server.Port}";

    public async Task StartAsync()
    {
        TestStreamService.BindService(_server, this);
        await _server.StartAsync(TestContext.Current.CancellationToken);
    }

    public override async Task Events(EventsRequest request, IServerStreamWriter<Event> responseStream, ServerCallContext context)
    {
        Requests.Enqueue([.. request.OutputIds]);
        foreach (var e in events)
        {
            await responseStream.WriteAsync(e, context.CancellationToken);
        }

        if (FailWith is { } status)
        {
            throw new RpcException(status);
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
