using BeamConformance.Capture.V1;
using BeamConformance.FakeHarness.Internal;
using Grpc.Core;
using BeamConformance.Protos.Hosting;

namespace BeamConformance.FakeHarness;

/// <summary>
/// The suite's side of <c>beamconformance.v1.CaptureService</c> (protos/beamconformance/v1/capture_service.proto):
/// out-of-process FakeHarness workers (started with <c>--capture_endpoint</c>) report captures and bundle failures,
/// which land in a <see cref="CaptureStore"/>. Bind it on the suite's <see cref="GrpcServer"/>.
/// </summary>
public sealed class CaptureServer : CaptureService.CaptureServiceBase
{
    private readonly CaptureStore _store;

    /// <summary>Creates the service over <paramref name="store"/>.</summary>
    /// <param name="store">Where reports are stored.</param>
    public CaptureServer(CaptureStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Registers the service's methods on <paramref name="binder"/> (before the server starts).</summary>
    /// <param name="binder">The server.</param>
    public void BindService(ServiceBinderBase binder)
    {
        ArgumentNullException.ThrowIfNull(binder);
        CaptureService.BindService(binder, this);
    }

    /// <summary>Stores the report's captures and failures; INVALID_ARGUMENT for a capture whose wire form does not decode.</summary>
    /// <param name="request">The report.</param>
    /// <param name="context">The call context.</param>
    /// <returns>The acknowledgement.</returns>
    public override Task<CaptureAck> Report(CaptureReport request, ServerCallContext context)
    {
        try
        {
            foreach (var element in request.Elements)
            {
                _store.Add(CaptureWire.FromWire(element));
            }

            foreach (var failure in request.Failures)
            {
                _store.AddFailure(new CaptureFailure(failure.RunId, failure.Transform, failure.Message, failure.InstructionId));
            }
        }
        catch (FormatException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "invalid CaptureReport: " + e.Message));
        }

        return Task.FromResult(new CaptureAck());
    }
}
