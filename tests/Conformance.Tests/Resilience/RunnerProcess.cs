using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace BeamConformance.Conformance.Tests.Resilience;

/// <summary>
/// The built ReferenceRunner started as its own process (<c>dotnet BeamConformance.ReferenceRunner.dll --job-port 0</c>)
/// for one test, so that the test can kill it (SIGKILL) or freeze it (SIGSTOP) while the suite talks to it.
/// </summary>
internal sealed class RunnerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private RunnerProcess(Process process) => _process = process;

    /// <summary>The job endpoint it printed, <c>127.0.0.1:port</c>.</summary>
    public string JobEndpoint { get; private set; } = "";

    public static async Task<RunnerProcess> StartAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "BeamConformance.ReferenceRunner.dll"), "--job-port", "0", "--bind", "127.0.0.1" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var runner = new RunnerProcess(process);
        process.ErrorDataReceived += (_, e) => { lock (runner._log) { runner._log.Append(e.Data).Append('\n'); } };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        const string Prefix = "Job endpoint: ";
        if (line is null || !line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"the ReferenceRunner printed '{line}' instead of its job endpoint; log:\n{runner._log}");
        }

        runner.JobEndpoint = line[Prefix.Length..];
        return runner;
    }

    /// <summary>Kills it at once (SIGKILL): connections drop, nothing answers any more.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>Freezes it (SIGSTOP): its sockets stay open but nothing answers.</summary>
    public void Freeze() => Signal("STOP");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signal("CONT");
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
