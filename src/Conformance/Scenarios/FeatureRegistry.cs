using BeamConformance.Conformance.Scenarios.Internal;

namespace BeamConformance.Conformance.Scenarios;

/// <summary>
/// The registry of feature tags (<c>testdata/features.yaml</c>): every tag a scenario may use, with
/// its origin (<c>beam</c>: a ValidatesRunner category or <c>beam:requirement:*</c> URN;
/// <c>beamconformance</c>: ours) and a description.
/// </summary>
/// <param name="Features">Tag → (origin, description), in file order.</param>
public sealed record FeatureRegistry(IReadOnlyDictionary<string, (string Origin, string Description)> Features)
{
    /// <summary>Loads the registry strictly.</summary>
    /// <exception cref="ScenarioFormatException">The file does not follow the format, or lists a tag twice.</exception>
    public static FeatureRegistry LoadFile(string path)
    {
        var source = new YamlSource(path);
        var root = YamlMap.Open(source, YamlSource.Parse(path, File.ReadAllText(path)), "features", null);
        var features = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var node in root.List("features"))
        {
            var f = YamlMap.Open(source, node, "feature", "features");
            var tag = f.String("tag");
            var origin = f.String("origin");
            if (origin is not ("beam" or "beamconformance"))
            {
                throw f.Error("origin", $"'{origin}' is not one of: beam, beamconformance");
            }

            if (!features.TryAdd(tag, (origin, f.String("description"))))
            {
                throw f.Error("tag", $"'{tag}' is listed twice");
            }
        }

        return new FeatureRegistry(features);
    }
}
