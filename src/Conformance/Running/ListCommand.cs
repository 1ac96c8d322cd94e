using System.CommandLine;
using BeamConformance.Conformance.Checking;

namespace BeamConformance.Conformance.Running;

/// <summary>
/// The CLI's <c>list</c> command: <c>list [--filter TEXT] [--area AREA]... [--feature TAG]... [--features]</c>.
/// Prints one line per selected scenario, <c>id  features  spec</c>, then <c>N scenarios in M areas</c>; with
/// <c>--features</c>, one line per registered feature tag instead: <c>tag  origin  scenarios  description</c>. The same
/// selection rules and errors as <c>run</c> (exit code 2 when the selection matches nothing).
/// </summary>
public static class ListCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var filter = new Option<string?>("--filter") { Description = "Only scenarios whose id contains TEXT" };
        var areas = new Option<string[]>("--area") { Description = "Only scenarios of this area (repeatable)" };
        var features = new Option<string[]>("--feature") { Description = "Only scenarios with this feature tag (repeatable)" };
        var tags = new Option<bool>("--features") { Description = "List the registered feature tags with how many scenarios use each" };
        var command = new Command("list", "List the scenarios (ids, areas, feature tags, spec anchors) or the feature tags") { filter, areas, features, tags };
        command.SetAction(result => Run(
            new ScenarioSelection(result.GetValue(filter), result.GetValue(areas) ?? [], result.GetValue(features) ?? []),
            result.GetValue(tags), Console.Out, Console.Error));
        return command;
    }

    /// <summary>Lists; see <see cref="ListCommand"/>.</summary>
    /// <param name="selection">Which scenarios.</param>
    /// <param name="featureTags">List feature tags instead of scenarios.</param>
    /// <param name="stdout">The listing.</param>
    /// <param name="stderr">Errors.</param>
    /// <returns>The exit code: 0, or 2 on a usage error.</returns>
    public static int Run(ScenarioSelection selection, bool featureTags, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        SuitePlan plan;
        try
        {
            plan = SuitePlan.Create(SuiteFiles.TestDataRoot(), selection, RunnerExpectations.None);
        }
        catch (Exception e) when (e is IOException or SuiteUsageException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }

        if (featureTags)
        {
            var width = plan.Registry.Features.Keys.Max(k => k.Length);
            foreach (var (tag, (origin, description)) in plan.Registry.Features)
            {
                var count = plan.Selected.Count(s => s.Scenario?.Features.Contains(tag, StringComparer.Ordinal) == true);
                stdout.WriteLine($"{tag.PadRight(width)}  {origin,-15}  {count,3}  {description}");
            }

            stdout.WriteLine($"{plan.Registry.Features.Count} feature tags");
            return 0;
        }

        var idWidth = plan.Selected.Max(s => s.Id.Value.Length);
        foreach (var (id, scenario, loadError) in plan.Selected)
        {
            stdout.WriteLine(scenario is null
                ? $"{id.Value.PadRight(idWidth)}  ({loadError})"
                : $"{id.Value.PadRight(idWidth)}  {string.Join(",", scenario.Features)}  {scenario.Spec}");
        }

        stdout.WriteLine($"{plan.Selected.Count} scenarios in {plan.Selected.Select(s => s.Id.Area).Distinct(StringComparer.Ordinal).Count()} areas");
        return 0;
    }
}
