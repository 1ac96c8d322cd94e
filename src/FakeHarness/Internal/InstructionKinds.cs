using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>The snake-case names of InstructionRequest kinds (the proto's oneof field names).</summary>
internal static class InstructionKinds
{
    public const string Register = "register";
    public const string ProcessBundle = "process_bundle";

    public static string Of(InstructionRequest request) => request.RequestCase switch
    {
        InstructionRequest.RequestOneofCase.Register => Register,
        InstructionRequest.RequestOneofCase.ProcessBundle => ProcessBundle,
        InstructionRequest.RequestOneofCase.ProcessBundleProgress => "process_bundle_progress",
        InstructionRequest.RequestOneofCase.ProcessBundleSplit => "process_bundle_split",
        InstructionRequest.RequestOneofCase.FinalizeBundle => "finalize_bundle",
        InstructionRequest.RequestOneofCase.MonitoringInfos => "monitoring_infos",
        InstructionRequest.RequestOneofCase.HarnessMonitoringInfos => "harness_monitoring_infos",
        InstructionRequest.RequestOneofCase.SampleData => "sample_data",
        _ => "none",
    };
}
