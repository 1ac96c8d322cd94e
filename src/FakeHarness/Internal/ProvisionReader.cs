using Grpc.Core;
using Google.Protobuf.WellKnownTypes;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>What the harness takes from <c>ProvisionService.GetProvisionInfo</c>: the pipeline options.</summary>
internal sealed record ProvisionedOptions(Struct PipelineOptions, string? CaptureEndpoint)
{
    public static ProvisionedOptions None { get; } = new(new Struct(), null);

    /// <summary>The option key (or key suffix, as runners may write <c>beam:option:NAME:v1</c>) naming the suite's CaptureService.</summary>
    public const string CaptureEndpointOption = "capture_endpoint";

    public static ProvisionedOptions From(Struct options)
    {
        string? capture = null;
        foreach (var (key, value) in options.Fields)
        {
            if (value.KindCase == Value.KindOneofCase.StringValue
                && (key == CaptureEndpointOption || key.EndsWith(CaptureEndpointOption, StringComparison.Ordinal)
                    || key.EndsWith(CaptureEndpointOption + ":v1", StringComparison.Ordinal)))
            {
                capture = value.StringValue;
            }
        }

        return new ProvisionedOptions(options, capture);
    }
}

/// <summary>Reads the provision info of a worker (with its <c>worker_id</c> header).</summary>
internal static class ProvisionReader
{
    /// <exception cref="RpcException">The provision service failed.</exception>
    public static async Task<ProvisionedOptions> ReadAsync(WorkerSession session, string? endpoint, CancellationToken cancellationToken)
    {
        if (endpoint is null)
        {
            return ProvisionedOptions.None;
        }

        var invoker = session.OpenInvoker(endpoint);
        var response = await new ProvisionService.ProvisionServiceClient(invoker).GetProvisionInfoAsync(new GetProvisionInfoRequest(), new CallOptions(session.Headers, DateTime.UtcNow.AddSeconds(30), cancellationToken)).ResponseAsync.ConfigureAwait(false);
        return ProvisionedOptions.From(response.Info?.PipelineOptions ?? new Struct());
    }
}
