using Google.Protobuf;
using BeamConformance.Transport;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.FnApi.Internal;

/// <summary>
/// The Fn API methods the runner serves (<c>beam_fn_api.proto</c>, package
/// <c>org.apache.beam.model.fn_execution.v1</c>). Declared here until typed bindings exist in src/Protos.
/// </summary>
internal static class FnApiMethods
{
    private const string Package = "org.apache.beam.model.fn_execution.v1.";

    public static readonly Method<InstructionResponse, InstructionRequest> Control =
        new(MethodType.DuplexStreaming, Package + "BeamFnControl", "Control", For(InstructionResponse.Parser), For(InstructionRequest.Parser));

    public static readonly Method<GetProcessBundleDescriptorRequest, ProcessBundleDescriptor> GetProcessBundleDescriptor =
        new(MethodType.Unary, Package + "BeamFnControl", "GetProcessBundleDescriptor", For(GetProcessBundleDescriptorRequest.Parser), For(ProcessBundleDescriptor.Parser));

    public static readonly Method<Elements, Elements> Data =
        new(MethodType.DuplexStreaming, Package + "BeamFnData", "Data", For(Elements.Parser), For(Elements.Parser));

    public static readonly Method<StateRequest, StateResponse> State =
        new(MethodType.DuplexStreaming, Package + "BeamFnState", "State", For(StateRequest.Parser), For(StateResponse.Parser));

    public static readonly Method<LogEntry.Types.List, LogControl> Logging =
        new(MethodType.DuplexStreaming, Package + "BeamFnLogging", "Logging", For(LogEntry.Types.List.Parser), For(LogControl.Parser));

    /// <summary>A transport marshaller for a generated protobuf message.</summary>
    public static Marshaller<T> For<T>(MessageParser<T> parser)
        where T : IMessage<T> =>
        new((message, writer) => message.WriteTo(writer), payload => parser.ParseFrom(payload));
}
