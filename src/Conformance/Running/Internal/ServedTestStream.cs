using BeamConformance.Conformance.Scenarios;
using BeamConformance.Protos.Hosting;
using Grpc.Core;
using Org.Apache.Beam.Model.Pipeline.V1;
using Event = Org.Apache.Beam.Model.Pipeline.V1.TestStreamPayload.Types.Event;

namespace BeamConformance.Conformance.Running.Internal;

/// <summary>
/// The suite's <c>TestStreamService</c> (beam_runner_api.proto) for one served TestStream of one run, on its own
/// Kestrel port at 127.0.0.1: <c>Events</c> streams the transform's events, one message each, in order, after checking
/// that <c>EventsRequest.output_ids</c> are exactly the transform's output tags (else INVALID_ARGUMENT naming what it
/// got); with <c>fail_after: N</c> it ends the stream with UNAVAILABLE after the first N events.
/// </summary>
internal sealed class ServedTestStream : TestStreamService.TestStreamServiceBase, IAsyncDisposable
{
    private readonly GrpcServer _server = new();
    private readonly TransformSpec _transform;
    private readonly int? _failAfter;
    private IReadOnlyList<Event> _events = [];

    public ServedTestStream(TransformSpec transform, TransformPayload.TestStream spec)
    {
        _transform = transform;
        _failAfter = spec.FailAfter;
        TestStreamService.BindService(_server, this);
    }

    /// <summary>The service's <c>host:port</c>, once started.</summary>
    public string Endpoint => $"{_server.Address.Host}:{_server.Port}";

    public Task StartAsync(CancellationToken cancellationToken) => _server.StartAsync(cancellationToken);

    /// <summary>Sets the events to stream (the pipeline is built after the service has its port).</summary>
    public void Serve(IReadOnlyList<Event> events) => _events = events;

    public override async Task Events(EventsRequest request, IServerStreamWriter<Event> responseStream, ServerCallContext context)
    {
        var expected = _transform.Outputs.Keys.Order(StringComparer.Ordinal).ToList();
        var asked = request.OutputIds.Order(StringComparer.Ordinal).ToList();
        if (!asked.SequenceEqual(expected, StringComparer.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"the suite's TestStreamService for TestStream '{_transform.Name}': EventsRequest.output_ids are [{string.Join(", ", request.OutputIds)}], expected exactly the transform's output tags [{string.Join(", ", expected)}]"));
        }

        var sent = 0;
        foreach (var e in _events)
        {
            if (sent == _failAfter)
            {
                break;
            }

            await responseStream.WriteAsync(e, context.CancellationToken).ConfigureAwait(false);
            sent++;
        }

        if (_failAfter is { } n)
        {
            throw new RpcException(new Status(StatusCode.Unavailable,
                $"the suite's TestStreamService for TestStream '{_transform.Name}' fails the stream after {n} event(s) (fail_after: {n})"));
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
