using System.Text.RegularExpressions;

namespace BeamConformance.Conformance.Tests.Architecture;

/// <summary>
/// Runner code (src/ReferenceRunner, src/Engine) reads time only through its TimeProvider
/// (<c>ReferenceRunnerOptions.TimeProvider</c>, <c>ExecutionOptions.TimeProvider</c>, <c>EngineOptions.TimeProvider</c>),
/// so that tests and TestStream can drive it: no wall clock, no wait on the real clock.
/// </summary>
public sealed partial class RunnerClockTests
{
    [Theory]
    [InlineData("ReferenceRunner")]
    [InlineData("Engine")]
    public void Runner_code_reads_no_wall_clock_and_waits_on_no_real_timer(string project)
    {
        var root = Path.Combine(ProjectReferenceTests.RepositoryRoot, "src", project);
        var offending =
            from file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            let relative = Path.GetRelativePath(root, file)
            where !relative.StartsWith("obj", StringComparison.Ordinal) && !relative.StartsWith("bin", StringComparison.Ordinal)
            from line in File.ReadLines(file).Select(static (text, index) => (Text: text, Number: index + 1))
            where WallClock().IsMatch(line.Text) || (RealDelay().IsMatch(line.Text) && !line.Text.Contains("TimeProvider", StringComparison.Ordinal))
            select $"src/{project}/{relative}:{line.Number}: {line.Text.Trim()}";

        Assert.Empty(offending);
    }

    [GeneratedRegex(@"\bDateTime(Offset)?\.(UtcNow|Now|Today)\b|\bStopwatch\.(StartNew|GetTimestamp)\b|\bEnvironment\.TickCount")]
    private static partial Regex WallClock();

    [GeneratedRegex(@"\bTask\.Delay\(|\bThread\.Sleep\(")]
    private static partial Regex RealDelay();
}
