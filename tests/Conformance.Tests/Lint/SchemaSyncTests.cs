using System.Text.Json;
using BeamConformance.Conformance.Scenarios;
using BeamConformance.Conformance.Tests.Scenarios;

namespace BeamConformance.Conformance.Tests.Lint;

/// <summary>
/// No JSON-Schema validator restores here, so the strict loader is the validator; this keeps the
/// editor-facing schemas and the loader's key catalog (<see cref="ScenarioFormat.Keys"/>) identical.
/// </summary>
[Trait("category", "lint")]
public sealed class SchemaSyncTests
{
    private static readonly string[] Schemas = ["scenario.schema.json", "expectations.schema.json", "features.schema.json"];

    private static Dictionary<string, SortedSet<string>> SchemaKeys()
    {
        var kinds = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var file in Schemas)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestData.Root, "schema", file)));
            foreach (var def in doc.RootElement.GetProperty("$defs").EnumerateObject())
            {
                var keys = new SortedSet<string>(StringComparer.Ordinal);
                if (Collect(def.Value, keys))
                {
                    Assert.True(kinds.TryAdd(def.Name, keys), $"$defs/{def.Name} defined twice");
                }
            }
        }

        return kinds;
    }

    // Property names of inline object schemas (not following $ref); false when there are none.
    private static bool Collect(JsonElement schema, SortedSet<string> keys)
    {
        var found = false;
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (schema.TryGetProperty("properties", out var props))
        {
            found = true;
            foreach (var p in props.EnumerateObject())
            {
                keys.Add(p.Name);
            }
        }

        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                foreach (var option in options.EnumerateArray())
                {
                    found |= Collect(option, keys);
                }
            }
        }

        return found;
    }

    public static TheoryData<string> Kinds() => [.. ScenarioFormat.Keys.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Loader_kind_has_the_schema_def_keys(string kind)
    {
        var schema = SchemaKeys();

        Assert.True(schema.ContainsKey(kind), $"no $defs/{kind} in the schemas");
        Assert.Equal(schema[kind], ScenarioFormat.Keys[kind].Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_schema_def_with_properties_is_a_loader_kind() =>
        Assert.Empty(SchemaKeys().Keys.Except(ScenarioFormat.Keys.Keys).Order());

    [Fact]
    public void Schemas_are_draft_2020_12()
    {
        foreach (var file in Schemas)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestData.Root, "schema", file)));
            Assert.Equal("https://json-schema.org/draft/2020-12/schema", doc.RootElement.GetProperty("$schema").GetString());
        }
    }
}
