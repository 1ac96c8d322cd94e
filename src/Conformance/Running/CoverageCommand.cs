using System.CommandLine;
using System.Text;

namespace BeamConformance.Conformance.Running;

/// <summary>
/// The CLI's <c>coverage [--write FILE]</c> command: prints <see cref="CoverageDocument"/> for the suite, or writes it
/// to FILE (the repository keeps it as <c>testdata/COVERAGE.md</c>). Exit code 0, or 2 when the suite does not load.
/// </summary>
public static class CoverageCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var write = new Option<FileInfo?>("--write") { Description = "Write the document to FILE (testdata/COVERAGE.md) instead of printing it" };
        var command = new Command("coverage", "Print or write the coverage document generated from features.yaml and the scenarios") { write };
        command.SetAction(result =>
        {
            string text;
            try
            {
                text = CoverageDocument.Build(SuiteFiles.TestDataRoot());
            }
            catch (Exception e) when (e is IOException or SuiteUsageException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }

            if (result.GetValue(write) is { } file)
            {
                File.WriteAllText(file.FullName, text, new UTF8Encoding(false));
                Console.WriteLine($"Wrote {file.FullName}");
            }
            else
            {
                Console.Write(text);
            }

            return 0;
        });
        return command;
    }
}
