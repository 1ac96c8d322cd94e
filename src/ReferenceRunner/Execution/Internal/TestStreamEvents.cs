using BeamConformance.Protos.Hosting;
using BeamConformance.ReferenceRunner.Translation;
using Grpc.Core;
using Grpc.Net.Client;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>
/// The events of one TestStream, one at a time: from its payload, or streamed from its TestStreamService
/// (<c>TestStreamService.Events</c>, asked for every output tag) when the payload names an endpoint.
/// </summary>
internal sealed class TestStreamEvents : IAsyncDisposable
{
    private readonly TestStreamPlan _plan;
    private readonly GrpcChannel? _channel;
    private readonly AsyncServerStreamingCall<TestStreamPayload.Types.Event>? _call;
    private int _next;

    public TestStreamEvents(TestStreamPlan plan, CancellationToken cancellationToken)
    {
        _plan = plan;
        if (plan.Endpoint is { } endpoint)
        {
            try
            {
                _channel = GrpcChannels.ForEndpoint(endpoint);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
            {
                throw new JobFailedException($"TestStream '{plan.TransformId}': its TestStreamService endpoint '{endpoint}' is not host:port: {e.Message}", e);
            }

            var request = new EventsRequest();
            request.OutputIds.Add(plan.Outputs.Select(static o => o.Tag));
            _call = new TestStreamService.TestStreamServiceClient(_channel).Events(request, cancellationToken: cancellationToken);
        }
    }

    public TestStreamPlan Plan => _plan;

    /// <summary>Where the events come from, for messages: "its payload" or "TestStreamService at host:port".</summary>
    public string Source => _plan.Endpoint is { } endpoint ? $"TestStreamService at {endpoint}" : "its payload";

    /// <summary>How many events were taken so far.</summary>
    public int Taken => _next;

    /// <summary>The next event, or null after the last.</summary>
    /// <exception cref="JobFailedException">The TestStreamService call failed.</exception>
    public async ValueTask<TestStreamPayload.Types.Event?> NextAsync(CancellationToken cancellationToken)
    {
        if (_call is null)
        {
            return _next < _plan.Payload.Events.Count ? _plan.Payload.Events[_next++] : null;
        }

        try
        {
            if (!await _call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new JobFailedException($"TestStream '{_plan.TransformId}': reading event {_next} from {Source} failed: {e.StatusCode} {e.Status.Detail}", e);
        }

        _next++;
        return _call.ResponseStream.Current;
    }

    public ValueTask DisposeAsync()
    {
        _call?.Dispose();
        _channel?.Dispose();
        return ValueTask.CompletedTask;
    }
}
