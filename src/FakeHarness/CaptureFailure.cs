namespace BeamConformance.FakeHarness;

/// <summary>
/// A bundle the harness failed: it answered the ProcessBundleRequest with <c>InstructionResponse.error</c>.
/// </summary>
/// <param name="RunId">The scenario run id of the bundle's descriptor (empty when no payload names one).</param>
/// <param name="Transform">The name of the transform that failed, or empty when the failure is not a transform's.</param>
/// <param name="Message">The error text sent to the runner (for <c>fail_on</c>, it contains the payload's <c>message</c>).</param>
/// <param name="InstructionId">The failed ProcessBundle instruction id.</param>
public sealed record CaptureFailure(string RunId, string Transform, string Message, string InstructionId);
