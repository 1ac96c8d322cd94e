using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace BeamConformance.Interop.Tests;

/// <summary>
/// The ReferenceRunner executable started as its own process on free ports
/// (<c>dotnet BeamConformance.ReferenceRunner.dll --job-port 0 --allow-process-environment</c>), shared by every test
/// of the assembly. It keeps the runner's log (stderr) so a failing test can show what the runner said meanwhile.
/// </summary>
public sealed partial class RunnerProcess : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder log = new();
    private readonly IReadOnlyList<string> arguments;
    private Process? process;

    /// <summary>The runner as the interop tests run it: <c>--job-port 0 --bind 127.0.0.1 --allow-process-environment</c>.</summary>
    public RunnerProcess()
        : this(["--job-port", "0", "--bind", "127.0.0.1", "--allow-process-environment"])
    {
    }

    /// <summary>The runner with these command-line arguments (for other test assemblies that link this file).</summary>
    internal RunnerProcess(IReadOnlyList<string> arguments) => this.arguments = arguments;

    /// <summary>The Fn API endpoint the runner logged, <c>127.0.0.1:port</c> (empty until logged).</summary>
    public string FnApiEndpoint { get; private set; } = "";

    /// <summary>True while the runner process runs.</summary>
    public bool IsAlive => process is { HasExited: false };

    /// <summary>The job endpoint the runner printed, <c>127.0.0.1:port</c>.</summary>
    public string JobEndpoint { get; private set; } = "";

    /// <summary>Why the runner could not be started, or null once it serves its job endpoint.</summary>
    public string? StartFailure { get; private set; }

    /// <summary>A position in the runner's log, for <see cref="LogSince"/>.</summary>
    public int LogPosition
    {
        get
        {
            lock (log)
            {
                return log.Length;
            }
        }
    }

    /// <summary>What the runner logged since <paramref name="position"/>, at most the last <paramref name="maxChars"/> characters.</summary>
    public string LogSince(int position, int maxChars = 20_000)
    {
        lock (log)
        {
            var text = log.ToString(position, log.Length - position);
            return text.Length <= maxChars ? text : "...\n" + text[^maxChars..];
        }
    }

    /// <summary>Fails the calling test when the runner did not start or has exited since.</summary>
    public void RequireRunning()
    {
        if (StartFailure is { } failure)
        {
            Assert.Fail(failure);
        }

        if (process is { HasExited: true })
        {
            Assert.Fail($"the ReferenceRunner exited with code {process.ExitCode}; its log:\n{LogSince(0)}");
        }
    }

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        var runner = Path.Combine(AppContext.BaseDirectory, "BeamConformance.ReferenceRunner.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Prepend(runner))
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
            var match = EndpointLine().Match(line ?? "");
            if (!match.Success)
            {
                StartFailure = $"the ReferenceRunner's first stdout line was '{line}', not 'Job endpoint: host:port'; its log:\n{LogSince(0)}";
                return;
            }

            JobEndpoint = match.Groups[1].Value;
        }
        catch (OperationCanceledException)
        {
            StartFailure = $"the ReferenceRunner printed no job endpoint within {StartTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; its log:\n{LogSince(0)}";
            return;
        }

        // Later stdout lines (none expected) are kept with the log.
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } more)
            {
                Append("stdout: " + more);
            }
        });
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            // SIGTERM stops it cleanly; kill it if it does not stop.
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync().ConfigureAwait(false);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (FnApiEndpoint.Length == 0 && FnApiLine().Match(line) is { Success: true } fn)
        {
            FnApiEndpoint = fn.Groups[1].Value;
        }

        lock (log)
        {
            log.Append(line).Append('\n');
        }
    }

    [GeneratedRegex(@"^Job endpoint: (\S+:\d+)$")]
    private static partial Regex EndpointLine();

    [GeneratedRegex(@"Fn API endpoint: (\S+:\d+)")]
    private static partial Regex FnApiLine();
}
