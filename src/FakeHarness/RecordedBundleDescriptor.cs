using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness;

/// <summary>A ProcessBundleDescriptor the harness received (by RegisterRequest or GetProcessBundleDescriptor).</summary>
/// <param name="Id">The descriptor id.</param>
/// <param name="TransformUrns">Distinct URNs of its transforms: each <c>spec.urn</c>, plus the inner function URN of
/// ParDos (<c>ParDoPayload.do_fn.urn</c>) and combines (<c>CombinePayload.combine_fn.urn</c>).</param>
/// <param name="HasStateApi">Whether <c>state_api_service_descriptor</c> is set.</param>
/// <param name="Descriptor">The descriptor as received.</param>
public sealed record RecordedBundleDescriptor(string Id, IReadOnlyList<string> TransformUrns, bool HasStateApi, ProcessBundleDescriptor Descriptor);
