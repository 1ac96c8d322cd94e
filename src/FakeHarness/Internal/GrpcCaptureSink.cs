using BeamConformance.Capture.V1;
using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Grpc.Net.Client;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>Sends a bundle's captures to the suite's <c>beamconformance.v1.CaptureService</c> (out-of-process harness).</summary>
internal sealed class GrpcCaptureSink : ICaptureSink, IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly CallInvoker _invoker;

    public GrpcCaptureSink(string endpoint)
    {
        _channel = GrpcChannels.ForEndpoint(endpoint);
        _invoker = _channel.CreateCallInvoker();
    }

    public async Task DeliverAsync(IReadOnlyList<CaptureRecord> elements, IReadOnlyList<CaptureFailure> failures, CancellationToken cancellationToken)
    {
        if (elements.Count == 0 && failures.Count == 0)
        {
            return;
        }

        var report = new CaptureReport();
        report.Elements.AddRange(elements.Select(CaptureWire.ToWire));
        report.Failures.AddRange(failures.Select(f => new BundleFailure { RunId = f.RunId, Transform = f.Transform, Message = f.Message, InstructionId = f.InstructionId }));
        await new CaptureService.CaptureServiceClient(_invoker).ReportAsync(report, new CallOptions(cancellationToken: cancellationToken)).ResponseAsync.ConfigureAwait(false);
    }

    public void Dispose() => _channel.Dispose();
}
