using System.Diagnostics;

namespace BeamConformance.Interop.Tests;

/// <summary>The ReferenceRunner executable's usage errors: exit code 1 and a message naming the option and its allowed values.</summary>
public sealed class RunnerCommandLineTests
{
    [Theory]
    // not one of the three modes
    [InlineData("fast")]
    // the names are lower case, as documented
    [InlineData("Batch")]
    // empty
    [InlineData("")]
    public async Task Unknown_execution_mode_is_a_usage_error_naming_the_allowed_values(string value)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "BeamConformance.ReferenceRunner.dll"), "--job-port", "0", "--execution-mode", value })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(1, process.ExitCode);
        Assert.Contains($"--execution-mode must be one of batch, streaming, auto (got '{value}').", await stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Job endpoint", await stdout, StringComparison.Ordinal);
    }
}
