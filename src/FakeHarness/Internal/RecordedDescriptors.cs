using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>Builds the <see cref="RecordedBundleDescriptor"/> of a received descriptor.</summary>
internal static class RecordedDescriptors
{
    public static RecordedBundleDescriptor From(ProcessBundleDescriptor descriptor)
    {
        var urns = new List<string>();
        foreach (var transform in descriptor.Transforms.Values)
        {
            if (transform.Spec?.Urn is { Length: > 0 } urn && !urns.Contains(urn))
            {
                urns.Add(urn);
            }

            if (RunIds.InnerFunction(transform)?.Urn is { Length: > 0 } inner && !urns.Contains(inner))
            {
                urns.Add(inner);
            }
        }

        return new RecordedBundleDescriptor(descriptor.Id, urns, descriptor.StateApiServiceDescriptor is not null, descriptor.Clone());
    }
}
