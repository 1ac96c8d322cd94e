using System.Diagnostics;
using System.Text;

namespace BeamConformance.Interop.Tests;

/// <summary>
/// interop/typescript: pipelines written with the Apache Beam TypeScript SDK (apache-beam@2.49.0) and their driver
/// run.js, which submits them to a job endpoint and checks every output record and metric. Needs node on PATH and
/// the folder's node_modules (<c>npm ci</c>): when either is missing a test is skipped locally and fails under CI=true.
/// </summary>
internal static class TypeScriptSdk
{
    /// <summary>interop/typescript in this repository.</summary>
    public static string Directory { get; } = FindDirectory();

    /// <summary>Why the SDK's pipelines cannot run here, or null when they can.</summary>
    public static string? MissingReason()
    {
        if (!File.Exists(Path.Combine(Directory, "node_modules", "apache-beam", "package.json")))
        {
            return $"apache-beam is not installed: run 'npm ci' in {Directory}";
        }

        try
        {
            var version = Run(["--version"], TimeSpan.FromSeconds(30));
            return version.ExitCode == 0 ? null : $"'node --version' exited with {version.ExitCode}: {version.Output}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"node is not on PATH ({e.Message})";
        }
    }

    /// <summary>Skips the test (locally) or fails it (CI=true) when node or the SDK is missing.</summary>
    public static void Require()
    {
        if (MissingReason() is not { } reason)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"The TypeScript SDK pipelines cannot run in CI: {reason}");
        }

        Skipping.Because($"The TypeScript SDK pipelines cannot run here: {reason}");
    }

    /// <summary>
    /// The pipeline names <c>node run.js --list</c> prints (first column), or an empty list when node or the SDK
    /// is missing (the tests then report that).
    /// </summary>
    public static IReadOnlyList<string> PipelineNames()
    {
        if (MissingReason() is not null)
        {
            return [];
        }

        var list = Run(["run.js", "--list"], TimeSpan.FromSeconds(60));
        if (list.ExitCode != 0)
        {
            throw new InvalidOperationException($"'node run.js --list' exited with {list.ExitCode}:\n{list.Output}");
        }

        return [.. list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t')[0])];
    }

    /// <summary>
    /// Runs <c>node</c> with <paramref name="arguments"/> in <see cref="Directory"/>; stdout and stderr interleaved
    /// in <see cref="NodeRun.Output"/>. Killed (with its children) after <paramref name="timeout"/>, then ExitCode is -1.
    /// </summary>
    public static NodeRun Run(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Append($"(killed after {timeout.TotalSeconds} s)");
            return new NodeRun(-1, Text());
        }

        // The parameterless wait drains the redirected streams.
        process.WaitForExit();
        return new NodeRun(process.ExitCode, Text());

        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.Append(line).Append('\n');
            }
        }

        string Text()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BeamConformance.sln")))
            {
                return Path.Combine(dir.FullName, "interop", "typescript");
            }
        }

        throw new InvalidOperationException($"no BeamConformance.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>A finished node process: its exit code (-1 when killed on timeout) and its output.</summary>
internal sealed record NodeRun(int ExitCode, string Output);
