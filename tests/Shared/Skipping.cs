using System.Diagnostics.CodeAnalysis;

namespace BeamConformance.Tests.Shared;

/// <summary>
/// Skips the running test and says why on the console of a plain <c>dotnet test</c>: the reason is also sent as an
/// xunit diagnostic message, which tests/xunit.runner.json (<c>diagnosticMessages</c>) has the VSTest adapter print
/// at the default verbosity, where a skip reason alone is not shown.
/// </summary>
internal static class Skipping
{
    [DoesNotReturn]
    public static void Because(string reason)
    {
        TestContext.Current.SendDiagnosticMessage($"[SKIP] {TestContext.Current.Test?.TestDisplayName}: {reason}");
        Assert.Skip(reason);
    }

    public static void When(bool condition, string reason)
    {
        if (condition)
        {
            Because(reason);
        }
    }
}
