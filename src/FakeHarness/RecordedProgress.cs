namespace BeamConformance.FakeHarness;

/// <summary>
/// A ProcessBundleProgressResponse the harness answered for a running bundle (<c>beam_fn_api.proto</c>): the read index
/// of its data input and the work of the splittable DoFn's Process transform, as the MonitoringInfos it sent say.
/// </summary>
/// <param name="ReadIndex"><c>beam:metric:data_channel:read_index:v1</c> of the bundle's one data input (-1 before the
/// first element); null when the bundle has more than one data input.</param>
/// <param name="WorkTransformId">The transform whose work is reported (the Process transform of a splittable DoFn), or
/// null when no element of one was being processed (no work MonitoringInfos were sent).</param>
/// <param name="Completed"><c>beam:metric:ptransform_progress:completed:v1</c>: one value per active element, in the
/// restriction's units (offsets for the test SDF); empty when none was sent.</param>
/// <param name="Remaining"><c>beam:metric:ptransform_progress:remaining:v1</c>, the same way.</param>
public sealed record RecordedProgress(long? ReadIndex, string? WorkTransformId, IReadOnlyList<double> Completed, IReadOnlyList<double> Remaining);
