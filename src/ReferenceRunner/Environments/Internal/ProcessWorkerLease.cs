using System.Diagnostics;
using BeamConformance.ReferenceRunner.Execution;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Environments.Internal;

/// <summary>
/// A worker running as a child process (<c>beam:env:process:v1</c>); disposing kills its process tree. Its output goes to
/// the runner's log, and the last <see cref="TailLines"/> lines are kept for <see cref="Ended"/>.
/// </summary>
internal sealed class ProcessWorkerLease : IWorkerLease
{
    /// <summary>How many of the last lines of output (stdout and stderr, interleaved) <see cref="Ended"/> quotes.</summary>
    public const int TailLines = 20;

    private const int MaxLineChars = 1000;
    private readonly Process _process;
    private readonly TimeProvider _time;
    private readonly Queue<string> _tail = new();
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Set once the output readers are started (or the start failed): a process that exits at once raises Exited before
    // BeginOutputReadLine, and WaitForExitAsync then has no reader to wait for, so its last lines would be lost.
    private readonly TaskCompletionSource _readersStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private ProcessWorkerLease(string workerId, Process process, TimeProvider time)
    {
        WorkerId = workerId;
        _process = process;
        _time = time;
    }

    public string WorkerId { get; }

    /// <inheritdoc />
    public Task<string> Ended => _ended.Task;

    /// <summary>The ProcessStartInfo for the payload: its command, the container-contract flags, its env.</summary>
    public static ProcessStartInfo StartInfo(string workerId, ProcessPayload payload, string fnApiEndpoint)
    {
        var info = new ProcessStartInfo(payload.Command)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        info.ArgumentList.Add("--id=" + workerId);
        info.ArgumentList.Add("--control_endpoint=" + fnApiEndpoint);
        info.ArgumentList.Add("--logging_endpoint=" + fnApiEndpoint);
        info.ArgumentList.Add("--artifact_endpoint=" + fnApiEndpoint);
        info.ArgumentList.Add("--provision_endpoint=" + fnApiEndpoint);
        foreach (var (name, value) in payload.Env)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>Starts the process.</summary>
    /// <exception cref="JobFailedException">The command could not be started.</exception>
    public static ProcessWorkerLease Start(string workerId, string environmentId, ProcessPayload payload, string fnApiEndpoint, TimeProvider time, ILogger logger)
    {
        var process = new Process { StartInfo = StartInfo(workerId, payload, fnApiEndpoint), EnableRaisingEvents = true };
        var lease = new ProcessWorkerLease(workerId, process, time);
        process.OutputDataReceived += (_, e) => lease.OnOutput(e.Data, logger);
        process.ErrorDataReceived += (_, e) => lease.OnOutput(e.Data, logger);
        process.Exited += (_, _) => _ = lease.OnExitedAsync(payload.Command, logger);
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            lease._readersStarted.TrySetResult();
            process.Dispose();
            throw new JobFailedException($"Could not start worker '{workerId}' for environment '{environmentId}': command '{payload.Command}' failed to start: {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lease._readersStarted.TrySetResult();
        Log.ProcessWorkerStarted(logger, workerId, environmentId, process.Id, payload.Command);
        return lease;
    }

    private void OnOutput(string? line, ILogger logger)
    {
        if (line is null)
        {
            return;
        }

        Log.ProcessOutput(logger, WorkerId, line);
        lock (_tail)
        {
            _tail.Enqueue(line.Length <= MaxLineChars ? line : line[..MaxLineChars] + "...");
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    private async Task OnExitedAsync(string command, ILogger logger)
    {
        await _readersStarted.Task.ConfigureAwait(false);
        int code;
        try
        {
            // Let the output readers take the last lines (bounded: a grandchild may hold the pipes open).
            using var drained = new CancellationTokenSource(TimeSpan.FromSeconds(1), _time);
            await _process.WaitForExitAsync(drained.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            // Output still open, or the process object already disposed: say what we have.
        }

        try
        {
            code = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return; // Disposed by the runner: it stopped the worker itself.
        }

        Log.ProcessExited(logger, WorkerId, code);
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        string[] tail;
        lock (_tail)
        {
            tail = [.. _tail];
        }

        _ended.TrySetResult(tail.Length == 0
            ? $"worker {WorkerId} (command '{command}') exited with code {code} and printed nothing"
            : $"worker {WorkerId} (command '{command}') exited with code {code}; its last {tail.Length} line(s) of output:\n{string.Join('\n', tail)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), _time);
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or not dying: nothing more we can do.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
