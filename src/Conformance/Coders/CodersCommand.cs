using System.CommandLine;

namespace BeamConformance.Conformance.Coders;

/// <summary>
/// The <c>coders</c> command: <c>coders verify FILE.yaml</c> checks a coder vector file (Beam's
/// <c>standard_coders.yaml</c> format), prints each failure and ends with the line <c>N passed, M failed</c>.
/// Exit code: 0 when nothing failed, 1 when an example failed, 2 when the file is unreadable.
/// </summary>
public static class CodersCommand
{
    /// <summary>Builds the command, to add to the root command.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A coder vector YAML file" };
        var verbose = new Option<bool>("--verbose") { Description = "Also print passing examples" };
        var verify = new Command("verify", "Check every example of a coder vector file against this library's coders")
        {
            file,
            verbose,
        };
        verify.SetAction(result => Verify(result.GetValue(file)!, result.GetValue(verbose), Console.Out, Console.Error));

        return new Command("coders", "Beam coder test vectors") { verify };
    }

    /// <summary>Runs the check and writes the report; returns the exit code.</summary>
    public static int Verify(FileInfo file, bool verbose, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        IReadOnlyList<CoderVectorResult> results;
        try
        {
            results = CoderVectorChecker.CheckFile(file.FullName);
        }
        catch (Exception e) when (e is CoderVectorFormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }

        foreach (var result in results.Where(r => verbose || !r.Passed))
        {
            output.WriteLine(result);
        }

        var failed = results.Count(r => !r.Passed);
        output.WriteLine($"{results.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
