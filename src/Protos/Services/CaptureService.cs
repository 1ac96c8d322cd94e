using BeamConformance.Protos;
using BeamConformance.Transport;

namespace BeamConformance.Capture.V1;

/// <summary>
/// Typed binding of the gRPC service <c>beamconformance.v1.CaptureService</c> (beamconformance/v1/capture_service.proto): each method declared once, a base class
/// for implementations, <see cref="BindService"/> and a client. Only this binding layer knows the transport.
/// </summary>
public static class CaptureService
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "beamconformance.v1.CaptureService";

    /// <summary>Registers <paramref name="implementation"/> for every method of <c>CaptureService</c> on <paramref name="binder"/> (e.g. a <see cref="GrpcServer"/>).</summary>
    /// <param name="binder">The server or binder.</param>
    /// <param name="implementation">The service implementation.</param>
    public static void BindService(ServiceBinderBase binder, CaptureServiceBase implementation)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(implementation);
        binder.AddMethod(Methods.Report, new UnaryServerMethod<CaptureReport, CaptureAck>(implementation.Report));
    }

    /// <summary>The methods of <c>CaptureService</c>: path, shape and protobuf marshallers.</summary>
    public static class Methods
    {
        /// <summary><c>/beamconformance.v1.CaptureService/Report</c>: Unary, <see cref="CaptureReport"/> in, <see cref="CaptureAck"/> out.</summary>
        public static readonly Method<CaptureReport, CaptureAck> Report = new(
            MethodType.Unary, ServiceName, "Report", ProtobufMarshaller.For(CaptureReport.Parser), ProtobufMarshaller.For(CaptureAck.Parser));
    }

    /// <summary>Base class of <c>CaptureService</c> implementations: every method answers UNIMPLEMENTED until overridden.</summary>
    public abstract class CaptureServiceBase
    {
        /// <summary>Handles <c>Report</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<CaptureAck> Report(CaptureReport request, ServerCallContext context) => throw Unimplemented("Report");

        private static RpcException Unimplemented(string method) =>
            new(new Status(StatusCode.Unimplemented, $"Method /beamconformance.v1.CaptureService/{method} is not implemented by this server."));
    }

    /// <summary>Client of <c>CaptureService</c> over a <see cref="CallInvoker"/> (e.g. <c>GrpcChannel.CreateCallInvoker()</c>).</summary>
    public sealed class CaptureServiceClient
    {
        private readonly CallInvoker _invoker;

        /// <summary>Creates a client.</summary>
        /// <param name="callInvoker">The invoker of the channel to the service.</param>
        public CaptureServiceClient(CallInvoker callInvoker) => _invoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));

        /// <summary>Calls <c>Report</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<CaptureAck> ReportAsync(CaptureReport request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.Report, null, options, request);
    }
}
