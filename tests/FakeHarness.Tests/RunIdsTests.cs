using BeamConformance.FakeHarness.Internal;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.FakeHarness.Tests;

/// <summary>
/// A descriptor is filed under the scenario run named in its transforms' payloads, also when its only ParDo-like
/// transform is a part of an expanded splittable DoFn (a Process stage followed by a GroupByKey holds nothing else).
/// </summary>
public sealed class RunIdsTests
{
    [Theory]
    // The Process part alone (sdf/checkpoint_windowed_grouped: its checkpoints were filed under no run before).
    [InlineData("beam:transform:sdf_process_sized_element_and_restrictions:v1", "run-7")]
    [InlineData("beam:transform:sdf_pair_with_restriction:v1", "run-7")]
    [InlineData("beam:transform:sdf_split_and_size_restrictions:v1", "run-7")]
    [InlineData("beam:transform:sdf_truncate_sized_restrictions:v1", "run-7")]
    [InlineData("beam:transform:pardo:v1", "run-7")]
    // A runner transform's payload is not a ParDoPayload: no run.
    [InlineData("beam:transform:group_by_key:v1", "")]
    public void A_descriptor_of_one_transform_is_filed_under_the_run_of_its_do_fn(string urn, string expected)
    {
        var payload = new ParDoPayload
        {
            DoFn = new FunctionSpec { Urn = "beamconformance:transform:offset_range_sdf:v1", Payload = ByteString.CopyFromUtf8("""{"run": "run-7", "restriction": {"identity": {}}}""") },
            RestrictionCoderId = "restriction",
        };
        var descriptor = new ProcessBundleDescriptor { Id = "stage-1" };
        descriptor.Transforms["Sdf/Part"] = new PTransform { UniqueName = "Sdf/Part", Spec = new FunctionSpec { Urn = urn, Payload = payload.ToByteString() } };

        Assert.Equal(expected, RunIds.Of(descriptor));
    }
}
