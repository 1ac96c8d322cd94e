using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.FnApi;

/// <summary>What a test's bundle function answers: data per sink (each array one Elements.Data message) and metrics.</summary>
internal sealed record HarnessResult
{
    public Dictionary<string, List<byte[]>> Outputs { get; init; } = [];

    public List<MonitoringInfo> MonitoringInfos { get; init; } = [];

    /// <summary>Whether the ProcessBundleResponse says <c>requires_finalization</c>.</summary>
    public bool RequiresFinalization { get; init; }
}
