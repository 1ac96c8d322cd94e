namespace BeamConformance.GrpcInterop.Tests;

/// <summary>Shared test settings.</summary>
internal static class TestDefaults
{
    /// <summary>The longest any single await in a test may take before the test fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
}
