using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.FnApi;

/// <summary>What the test harness hands a test's bundle function: the descriptor, the data received, and state access.</summary>
internal sealed class HarnessBundle(TestHarness harness, string instructionId, ProcessBundleDescriptor descriptor, IReadOnlyDictionary<string, List<byte[]>> inputs)
{
    public string InstructionId { get; } = instructionId;

    public ProcessBundleDescriptor Descriptor { get; } = descriptor;

    /// <summary>Per data-source transform id, each Elements.Data payload received (in order).</summary>
    public IReadOnlyDictionary<string, List<byte[]>> InputMessages { get; } = inputs;

    /// <summary>The data received by the only data source, concatenated.</summary>
    public byte[] SingleInput => [.. Assert.Single(InputMessages).Value.SelectMany(static b => b)];

    /// <summary>The data-source transform ids.</summary>
    public IEnumerable<string> Sources => Descriptor.Transforms.Where(static t => t.Value.Spec.Urn == "beam:runner:source:v1").Select(static t => t.Key);

    /// <summary>The data-sink transform ids.</summary>
    public IEnumerable<string> Sinks => Descriptor.Transforms.Where(static t => t.Value.Spec.Urn == "beam:runner:sink:v1").Select(static t => t.Key);

    /// <summary>Reads a state key, following continuation tokens; returns each page's bytes.</summary>
    public Task<List<StateGetResponse>> GetStateAsync(StateKey key) => harness.GetStateAsync(InstructionId, key);

    /// <summary>Appends <paramref name="append"/> to (or, when null, clears) a state; returns the runner's error or null.</summary>
    public Task<string?> WriteStateAsync(StateKey key, byte[]? append) => harness.WriteStateAsync(InstructionId, key, append);
}
