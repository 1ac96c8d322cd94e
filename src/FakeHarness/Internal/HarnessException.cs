namespace BeamConformance.FakeHarness.Internal;

/// <summary>
/// A bundle or descriptor the harness cannot run (unsupported transform, bad payload, missing coder) or a
/// transform that fails on purpose (<c>fail_on</c>). The message is what the runner receives as
/// <c>InstructionResponse.error</c>.
/// </summary>
internal sealed class HarnessException : Exception
{
    public HarnessException(string message, string? transform = null, Exception? inner = null)
        : base(message, inner) => Transform = transform;

    /// <summary>The name of the transform that failed, when known.</summary>
    public string? Transform { get; }
}
