using BeamConformance.Transport;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Tests.FnApi;

/// <summary>The Fn API methods as an SDK harness calls them (client side).</summary>
internal static class HarnessMethods
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

    private static Marshaller<T> For<T>(MessageParser<T> parser)
        where T : IMessage<T> =>
        new((message, writer) => message.WriteTo(writer), payload => parser.ParseFrom(payload));
}
