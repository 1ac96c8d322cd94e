using System.Diagnostics;
using BeamConformance.ReferenceRunner.Execution;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Environments.Internal;

/// <summary>A worker running as a child process (<c>beam:env:process:v1</c>); disposing kills its process tree.</summary>
internal sealed class ProcessWorkerLease : IWorkerLease
{
    private readonly Process _process;
    private int _disposed;

    private ProcessWorkerLease(string workerId, Process process)
    {
        WorkerId = workerId;
        _process = process;
    }

    public string WorkerId { get; }

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
    public static ProcessWorkerLease Start(string workerId, string environmentId, ProcessPayload payload, string fnApiEndpoint, ILogger logger)
    {
        var process = new Process { StartInfo = StartInfo(workerId, payload, fnApiEndpoint), EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { Log.ProcessOutput(logger, workerId, e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Log.ProcessOutput(logger, workerId, e.Data); } };
        process.Exited += (_, _) => Log.ProcessExited(logger, workerId, process.ExitCode);
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new JobFailedException($"Could not start worker '{workerId}' for environment '{environmentId}': command '{payload.Command}' failed to start: {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Log.ProcessWorkerStarted(logger, workerId, environmentId, process.Id, payload.Command);
        return new ProcessWorkerLease(workerId, process);
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

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
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
