using System.Text.Json;

namespace BeamConformance.FakeHarness.Internal.Functions;

/// <summary>Reads a payload union: <c>{"name": argument}</c>, or a bare <c>"name"</c> for variants without argument.</summary>
internal static class Union
{
    /// <exception cref="HarnessException">Not a one-key object or a string.</exception>
    public static (string Name, JsonElement Argument) Read(JsonElement json, string where)
    {
        if (json.ValueKind == JsonValueKind.String)
        {
            return (json.GetString()!, default);
        }

        if (json.ValueKind == JsonValueKind.Object)
        {
            using var properties = json.EnumerateObject();
            if (properties.MoveNext())
            {
                var first = properties.Current;
                if (!properties.MoveNext())
                {
                    return (first.Name, first.Value);
                }
            }
        }

        throw new HarnessException($"{where}: expected a one-key object naming a function, got {json.GetRawText()}");
    }

    public static long Int64(JsonElement json, string where) =>
        json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var value)
            ? value
            : throw new HarnessException($"{where}: expected an integer, got {Raw(json)}");

    public static string String(JsonElement json, string where) =>
        json.ValueKind == JsonValueKind.String ? json.GetString()! : throw new HarnessException($"{where}: expected a string, got {Raw(json)}");

    public static JsonElement Property(JsonElement json, string name, string where) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value)
            ? value
            : throw new HarnessException($"{where}: missing key '{name}'");

    public static IEnumerable<JsonElement> Array(JsonElement json, string where) =>
        json.ValueKind == JsonValueKind.Array ? json.EnumerateArray() : throw new HarnessException($"{where}: expected a list, got {Raw(json)}");

    private static string Raw(JsonElement json) => json.ValueKind == JsonValueKind.Undefined ? "nothing" : json.GetRawText();
}
