using BeamConformance.Conformance.Scenarios;
using Event = Org.Apache.Beam.Model.Pipeline.V1.TestStreamPayload.Types.Event;

namespace BeamConformance.Conformance.Running.Internal;

/// <summary>
/// The TestStreamServices of one run: one <see cref="ServedTestStream"/> per served TestStream of the scenario
/// (none for one with <c>endpoint_override</c>), started before the pipeline is built and stopped after the job.
/// </summary>
internal sealed class ServedTestStreams : IAsyncDisposable
{
    private readonly Dictionary<string, ServedTestStream> _services = new(StringComparer.Ordinal);

    private ServedTestStreams()
    {
    }

    /// <summary>Starts a service for each served TestStream of <paramref name="pipeline"/>.</summary>
    public static async Task<ServedTestStreams> StartAsync(PipelineSpec pipeline, CancellationToken cancellationToken)
    {
        var all = new ServedTestStreams();
        try
        {
            foreach (var t in pipeline.Transforms)
            {
                if (t.Payload is TransformPayload.TestStream { Served: true, EndpointOverride: null } spec)
                {
                    var service = new ServedTestStream(t, spec);
                    all._services[t.Name] = service;
                    await service.StartAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            return all;
        }
        catch
        {
            await all.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Hands the events of transform <paramref name="transform"/> to its service; returns the service's endpoint.</summary>
    /// <exception cref="InvalidOperationException">The transform has no service.</exception>
    public string Serve(string transform, IReadOnlyList<Event> events)
    {
        var service = _services.TryGetValue(transform, out var s) ? s
            : throw new InvalidOperationException($"transform '{transform}': no TestStreamService was started for it");
        service.Serve(events);
        return service.Endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services.Values)
        {
            await service.DisposeAsync().ConfigureAwait(false);
        }
    }
}
