using Grpc.Core;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Tests;

/// <summary>The Fn API methods the test runner serves and the worker pool methods it calls (declared independently of the harness).</summary>
internal static class RunnerMethods
{
    private const string Package = "org.apache.beam.model.fn_execution.v1.";

    public static readonly Method<InstructionResponse, InstructionRequest> Control = Duplex<InstructionResponse, InstructionRequest>("BeamFnControl", "Control");
    public static readonly Method<GetProcessBundleDescriptorRequest, ProcessBundleDescriptor> GetDescriptor = Unary<GetProcessBundleDescriptorRequest, ProcessBundleDescriptor>("BeamFnControl", "GetProcessBundleDescriptor");
    public static readonly Method<Elements, Elements> Data = Duplex<Elements, Elements>("BeamFnData", "Data");
    public static readonly Method<StateRequest, StateResponse> State = Duplex<StateRequest, StateResponse>("BeamFnState", "State");
    public static readonly Method<LogEntry.Types.List, LogControl> Logging = Duplex<LogEntry.Types.List, LogControl>("BeamFnLogging", "Logging");
    public static readonly Method<GetProvisionInfoRequest, GetProvisionInfoResponse> Provision = Unary<GetProvisionInfoRequest, GetProvisionInfoResponse>("ProvisionService", "GetProvisionInfo");
    public static readonly Method<StartWorkerRequest, StartWorkerResponse> StartWorker = Unary<StartWorkerRequest, StartWorkerResponse>("BeamFnExternalWorkerPool", "StartWorker");
    public static readonly Method<StopWorkerRequest, StopWorkerResponse> StopWorker = Unary<StopWorkerRequest, StopWorkerResponse>("BeamFnExternalWorkerPool", "StopWorker");

    private static Method<TReq, TResp> Unary<TReq, TResp>(string service, string name)
        where TReq : class, IMessage<TReq>, new()
        where TResp : class, IMessage<TResp>, new() =>
        new(MethodType.Unary, Package + service, name, Marshal<TReq>(), Marshal<TResp>());

    private static Method<TReq, TResp> Duplex<TReq, TResp>(string service, string name)
        where TReq : class, IMessage<TReq>, new()
        where TResp : class, IMessage<TResp>, new() =>
        new(MethodType.DuplexStreaming, Package + service, name, Marshal<TReq>(), Marshal<TResp>());

    private static Marshaller<T> Marshal<T>()
        where T : class, IMessage<T>, new()
    {
        var parser = new MessageParser<T>(() => new T());
        return Marshallers.Create<T>(static m => m.ToByteArray(), parser.ParseFrom);
    }
}
