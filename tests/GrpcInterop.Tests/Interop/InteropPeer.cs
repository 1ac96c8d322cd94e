using System.Diagnostics;

namespace BeamConformance.GrpcInterop.Tests.Interop;

/// <summary>
/// A real gRPC peer from interop/grpc: grpc-js under node, or python3-grpcio under /usr/bin/python3.
/// When the peer is missing the test is skipped locally and fails in CI (CI=true).
/// </summary>
internal sealed class InteropPeer
{
    public static readonly InteropPeer Node = new("grpc-js", "node", "server.js", "client.js");
    public static readonly InteropPeer Python = new("grpcio", "/usr/bin/python3", "server.py", "client.py");

    private InteropPeer(string name, string executable, string serverScript, string clientScript)
    {
        Name = name;
        Executable = executable;
        ServerScript = serverScript;
        ClientScript = clientScript;
    }

    public string Name { get; }

    public string Executable { get; }

    public string ServerScript { get; }

    public string ClientScript { get; }

    /// <summary>interop/grpc in this repository.</summary>
    public static string Directory { get; } = FindDirectory();

    public static InteropPeer ByName(string name) => name == Node.Name ? Node : name == Python.Name ? Python : throw new ArgumentException(name);

    /// <summary>Why this peer cannot run here, or null when it can.</summary>
    public string? MissingReason()
    {
        if (this == Node)
        {
            return File.Exists(Path.Combine(Directory, "node_modules", "@grpc", "grpc-js", "package.json"))
                ? Run("node", "--version") ? null : "node is not on PATH"
                : $"@grpc/grpc-js is not installed: run 'npm ci' in {Directory}";
        }

        return Run(Executable, "-c \"import grpc\"") ? null : $"{Executable} cannot import grpc: install Debian's python3-grpcio";
    }

    /// <summary>Skips the test (locally) or fails it (CI=true) when the peer is missing.</summary>
    public void Require()
    {
        if (MissingReason() is not { } reason)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"Interop peer {Name} is missing in CI: {reason}");
        }

        Skipping.Because($"Interop peer {Name} is missing: {reason}");
    }

    public ProcessStartInfo StartInfo(string script, params string[] args)
    {
        var info = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        return info;
    }

    /// <summary>Runs the peer's client for one scenario against 127.0.0.1:<paramref name="port"/>; fails the test with its output on failure.</summary>
    public async Task RunClientAsync(int port, string scenario, CancellationToken cancellationToken)
    {
        using var process = Process.Start(StartInfo(ClientScript, port.ToString(System.Globalization.CultureInfo.InvariantCulture), scenario))!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"{Name} client scenario '{scenario}' failed (exit {process.ExitCode}):\n{output}");
        Assert.Contains("OK " + scenario, output, StringComparison.Ordinal);
    }

    private static bool Run(string file, string arguments)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            p.WaitForExit(20_000);
            return p.HasExited && p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BeamConformance.sln")))
            {
                return Path.Combine(dir.FullName, "interop", "grpc");
            }
        }

        throw new InvalidOperationException("BeamConformance.sln not found above " + AppContext.BaseDirectory);
    }
}
