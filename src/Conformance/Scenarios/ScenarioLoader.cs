using YamlDotNet.RepresentationModel;
using BeamConformance.Conformance.Scenarios.Internal;

namespace BeamConformance.Conformance.Scenarios;

/// <summary>
/// Loads scenario files of format version 1 strictly (testdata/README.md): any unknown key, missing
/// key, wrongly typed value or dangling reference throws <see cref="ScenarioFormatException"/> naming
/// the file, line, column and key.
/// </summary>
public static partial class ScenarioLoader
{
    /// <summary>Loads <paramref name="path"/>; when <paramref name="expectedId"/> is given, the file's id must equal it.</summary>
    /// <exception cref="ScenarioFormatException">The file does not follow the format.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Scenario LoadFile(string path, ScenarioId? expectedId = null) =>
        Load(File.ReadAllText(path), path, expectedId);

    /// <summary>Loads scenario YAML <paramref name="text"/>, reporting errors against <paramref name="fileName"/>.</summary>
    /// <exception cref="ScenarioFormatException">The text does not follow the format.</exception>
    public static Scenario Load(string text, string fileName, ScenarioId? expectedId = null)
    {
        var source = new YamlSource(fileName);
        var root = YamlMap.Open(source, YamlSource.Parse(fileName, text), "scenario", null);
        var id = root.String("id");
        if (!IsId(id))
        {
            throw root.Error("id", $"'{id}' is not <area>/<behaviour> in lower_snake_case");
        }

        if (expectedId is { } expected && expected.Value != id)
        {
            throw root.Error("id", $"'{id}' does not match the file's path (expected '{expected}')");
        }

        var features = root.Strings("features");
        if (features.Count == 0 || features.Distinct(StringComparer.Ordinal).Count() != features.Count)
        {
            throw root.Error("features", "list at least one feature tag, each once");
        }

        var timeout = root.OptLong("timeout_ms") ?? Scenario.DefaultTimeoutMillis;
        if (timeout <= 0)
        {
            throw root.Error("timeout_ms", "must be > 0");
        }

        var format = root.OptLong("format") ?? ScenarioFormat.OldestVersion;
        if (format < ScenarioFormat.OldestVersion || format > ScenarioFormat.Version)
        {
            throw root.Error("format", $"format version {format} is not one this build reads ({ScenarioFormat.OldestVersion} to {ScenarioFormat.Version})");
        }

        var splitMode = root.OptString("split_mode");
        if (splitMode is not null && !SplitModePattern().IsMatch(splitMode))
        {
            throw root.Error("split_mode", $"'{splitMode}' is not one of none, fraction:F (0 <= F <= 1), random:SEED (an integer), every-element, progress");
        }

        var attempts = root.OptLong("max_bundle_attempts");
        if (attempts is < 1 or > 100)
        {
            throw root.Error("max_bundle_attempts", $"{attempts} is not from 1 to 100 (how many times the runner may run a failed bundle)");
        }

        var environmentId = root.OptString("environment_id");
        if (environmentId is { Length: 0 })
        {
            throw root.Error("environment_id", "an environment id is not empty");
        }

        var pipelineOptions = PipelineOptions(source, root);
        var pipeline = PipelineReader.Read(source, root.Required("pipeline"), PrepareFailureExpected(root));
        if (format < 2 && pipeline.Transforms.FirstOrDefault(t => t.Urn == ScenarioUrns.TestStream) is { } ts)
        {
            throw new ScenarioFormatException(ts.Location, "urn", $"transform '{ts.Name}': {ScenarioUrns.TestStream} needs format version 2 (add 'format: 2' to the scenario)");
        }

        var expect = ExpectReader.Read(source, root.Get("expect"), pipeline);
        if (expect.Failure?.Phase != FailurePhase.Prepare)
        {
            PipelineValidator.Validate(pipeline, expect.Failure?.Phase == FailurePhase.Run);
        }

        return new Scenario(
            new ScenarioId(id), NonEmpty(root, "description"), NonEmpty(root, "spec"), features, timeout, pipeline, expect,
            [.. root.List("job_api").Select(step => JobApiReader.Step(source, step))], fileName)
        {
            FormatVersion = (int)format,
            SplitMode = splitMode,
            Drain = root.OptBool("drain") ?? false,
            MaxBundleAttempts = (int?)attempts,
            PipelineOptions = pipelineOptions,
            EnvironmentId = environmentId,
        };
    }

    /// <summary>
    /// The scenario files under <paramref name="scenariosRoot"/> (<c>&lt;area&gt;/&lt;behaviour&gt;.yaml</c>)
    /// with the id each must have, sorted by id.
    /// </summary>
    public static IReadOnlyList<(ScenarioId Id, string Path)> Discover(string scenariosRoot) =>
        [.. Directory.EnumerateFiles(scenariosRoot, "*.yaml", SearchOption.AllDirectories)
            .Select(p => (new ScenarioId(Path.GetRelativePath(scenariosRoot, p)[..^".yaml".Length].Replace('\\', '/')), p))
            .OrderBy(x => x.Item1)];

    // pipeline_options: option name → a scalar, typed as YAML writes it (plain true/false → bool, a plain number → number,
    // anything else → string).
    // Read before the expect section, which needs the pipeline: a scenario whose Prepare must fail may submit windowing
    // strategies the loader otherwise refuses (testdata/README.md, "Windowing strategies").
    private static bool PrepareFailureExpected(YamlMap root) =>
        root.Get("expect") is YamlMappingNode expect
        && expect.Children.TryGetValue(new YamlScalarNode("failure"), out var failure) && failure is YamlMappingNode f
        && f.Children.TryGetValue(new YamlScalarNode("phase"), out var phase) && phase is YamlScalarNode { Value: "prepare" };

    private static Dictionary<string, object> PipelineOptions(YamlSource s, YamlMap root)
    {
        var options = new Dictionary<string, object>(StringComparer.Ordinal);
        if (root.Get("pipeline_options") is not { } node)
        {
            return options;
        }

        if (node is not YamlDotNet.RepresentationModel.YamlMappingNode mapping)
        {
            throw s.Error(node, "pipeline_options", $"expected a mapping of option name → scalar, got {YamlMap.Describe(node)}");
        }

        foreach (var (k, v) in mapping.Children)
        {
            var name = s.String(k, "pipeline_options");
            if (v is not YamlDotNet.RepresentationModel.YamlScalarNode { Value: { } text } scalar)
            {
                throw s.Error(v, name, $"expected a scalar (string, number or bool), got {YamlMap.Describe(v)}");
            }

            var plain = scalar.Style is YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any;
            object value = plain && text is "true" or "false" ? text == "true"
                : plain && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number
                : text;
            if (!options.TryAdd(name, value))
            {
                throw s.Error(k, name, "duplicate key");
            }
        }

        return options;
    }

    private static string NonEmpty(YamlMap root, string key)
    {
        var text = root.String(key);
        return text.Trim().Length > 0 ? text : throw root.Error(key, "must not be empty");
    }

    private static bool IsId(string id)
    {
        var parts = id.Split('/');
        return parts.Length == 2 && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'));
    }

    // The ReferenceRunner's split modes (src/ReferenceRunner/Execution/SplitMode.cs), checked here without depending on it.
    [System.Text.RegularExpressions.GeneratedRegex(@"^(none|every-element|progress|fraction:(0(\.[0-9]+)?|1(\.0+)?)|random:-?[0-9]{1,9})$")]
    private static partial System.Text.RegularExpressions.Regex SplitModePattern();
}
