using System.CommandLine;

namespace BeamConformance.Conformance.Reports;

/// <summary>
/// The CLI's <c>merge</c> command: <c>merge RESULTS.json... [--out FILE]</c>. Reads several runs' <c>results.json</c>
/// (one per runner) and writes one capability matrix across them as a self-contained HTML file (default
/// <c>matrix.html</c>), then prints one summary line per runner. Exit code 0, or 2 when a file cannot be read.
/// </summary>
public static class MergeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("results") { Description = "results.json files of runs (one per runner)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<FileInfo>("--out") { Description = "The HTML file to write", DefaultValueFactory = _ => new FileInfo("matrix.html") };
        var command = new Command("merge", "Merge several runs' results.json into one HTML capability matrix across runners") { files, output };
        command.SetAction(result => Run(result.GetValue(files) ?? [], result.GetValue(output)!, Console.Out, Console.Error));
        return command;
    }

    /// <summary>Merges; see <see cref="MergeCommand"/>.</summary>
    /// <param name="files">The results.json files, in column order.</param>
    /// <param name="output">The HTML file to write.</param>
    /// <param name="stdout">One summary line per runner, then where the matrix was written.</param>
    /// <param name="stderr">Errors.</param>
    /// <returns>The exit code.</returns>
    public static int Run(IReadOnlyList<FileInfo> files, FileInfo output, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var runs = new List<RunReport>();
        foreach (var file in files)
        {
            try
            {
                runs.Add(ResultsFile.Load(file.FullName));
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {e.Message}");
                return 2;
            }
        }

        if (runs.Count == 0)
        {
            stderr.WriteLine("error: give at least one results.json");
            return 2;
        }

        output.Directory?.Create();
        using (var stream = File.Create(output.FullName))
        {
            CapabilityMatrixReport.Write(runs, stream);
        }

        foreach (var run in runs)
        {
            stdout.WriteLine($"{run.Runner}: {run.SummaryLine}");
        }

        stdout.WriteLine($"Capability matrix of {runs.Count} run(s) in {output.FullName}");
        return 0;
    }
}
