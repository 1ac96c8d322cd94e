using BeamConformance.Capture.V1;
using BeamConformance.FakeHarness.Internal;
using BeamConformance.Transport;

namespace BeamConformance.FakeHarness;

/// <summary>
/// The suite's side of <c>beamconformance.v1.CaptureService</c> (protos/beamconformance/v1/capture_service.proto):
/// out-of-process FakeHarness workers (started with <c>--capture_endpoint</c>) report captures and bundle failures,
/// which land in a <see cref="CaptureStore"/>. Bind it on the suite's <see cref="GrpcServer"/>.
/// </summary>
public sealed class CaptureServiceServer
{
    private readonly CaptureStore _store;

    /// <summary>Creates the service over <paramref name="store"/>.</summary>
    /// <param name="store">Where reports are stored.</param>
    public CaptureServiceServer(CaptureStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Registers the service's methods on <paramref name="binder"/> (before the server starts).</summary>
    /// <param name="binder">The server.</param>
    public void BindService(ServiceBinderBase binder)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(CaptureService.Methods.Report, (UnaryServerMethod<CaptureReport, CaptureAck>)ReportAsync);
    }

    private Task<CaptureAck> ReportAsync(CaptureReport report, ServerCallContext context)
    {
        try
        {
            foreach (var element in report.Elements)
            {
                _store.Add(CaptureWire.FromWire(element));
            }

            foreach (var failure in report.Failures)
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
