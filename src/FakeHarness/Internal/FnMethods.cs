using BeamConformance.Capture.V1;
using BeamConformance.Transport;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>
/// The gRPC methods the harness calls and serves, declared in one place (until src/Protos/Services has typed
/// bindings for them). Service names are the proto packages' full names.
/// </summary>
internal static class FnMethods
{
    private const string FnPackage = "org.apache.beam.model.fn_execution.v1.";

    public static readonly Method<InstructionResponse, InstructionRequest> Control =
        new(MethodType.DuplexStreaming, FnPackage + "BeamFnControl", "Control", Marshal(InstructionResponse.Parser), Marshal(InstructionRequest.Parser));

    public static readonly Method<GetProcessBundleDescriptorRequest, ProcessBundleDescriptor> GetProcessBundleDescriptor =
        new(MethodType.Unary, FnPackage + "BeamFnControl", "GetProcessBundleDescriptor", Marshal(GetProcessBundleDescriptorRequest.Parser), Marshal(ProcessBundleDescriptor.Parser));

    public static readonly Method<Elements, Elements> Data =
        new(MethodType.DuplexStreaming, FnPackage + "BeamFnData", "Data", Marshal(Elements.Parser), Marshal(Elements.Parser));

    public static readonly Method<StateRequest, StateResponse> State =
        new(MethodType.DuplexStreaming, FnPackage + "BeamFnState", "State", Marshal(StateRequest.Parser), Marshal(StateResponse.Parser));

    public static readonly Method<LogEntry.Types.List, LogControl> Logging =
        new(MethodType.DuplexStreaming, FnPackage + "BeamFnLogging", "Logging", Marshal(LogEntry.Types.List.Parser), Marshal(LogControl.Parser));

    public static readonly Method<GetProvisionInfoRequest, GetProvisionInfoResponse> GetProvisionInfo =
        new(MethodType.Unary, FnPackage + "ProvisionService", "GetProvisionInfo", Marshal(GetProvisionInfoRequest.Parser), Marshal(GetProvisionInfoResponse.Parser));

    public static readonly Method<StartWorkerRequest, StartWorkerResponse> StartWorker =
        new(MethodType.Unary, FnPackage + "BeamFnExternalWorkerPool", "StartWorker", Marshal(StartWorkerRequest.Parser), Marshal(StartWorkerResponse.Parser));

    public static readonly Method<StopWorkerRequest, StopWorkerResponse> StopWorker =
        new(MethodType.Unary, FnPackage + "BeamFnExternalWorkerPool", "StopWorker", Marshal(StopWorkerRequest.Parser), Marshal(StopWorkerResponse.Parser));

    public static readonly Method<CaptureReport, CaptureAck> ReportCaptures =
        new(MethodType.Unary, "beamconformance.v1.CaptureService", "Report", Marshal(CaptureReport.Parser), Marshal(CaptureAck.Parser));

    /// <summary>The header every Fn API call carries so that the runner can route it to the worker.</summary>
    public static Metadata WorkerHeaders(string workerId) => new() { { "worker_id", workerId } };

    private static Marshaller<T> Marshal<T>(MessageParser<T> parser)
        where T : IMessage<T> =>
        Marshallers.Create<T>(static (message, writer) => message.WriteTo(writer), payload => parser.ParseFrom(payload));
}
