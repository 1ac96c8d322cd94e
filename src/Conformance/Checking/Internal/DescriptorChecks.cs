using System.Text;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Checking.Internal;

/// <summary>
/// The <c>descriptor</c> protocol check (testdata/README.md, "Protocol checks"): some registered descriptor holds the
/// included URNs, the state endpoint asked and the <c>transforms</c> entries (URN, exact unique name, exact
/// annotations); no registered descriptor holds an excluded URN.
/// </summary>
internal static class DescriptorChecks
{
    public static IEnumerable<string> Problems(ProtocolCheck.Descriptor d, IReadOnlyList<RecordedDescriptor> descriptors)
    {
        if (!descriptors.Any(r => Holds(d, r)))
        {
            var wanted = string.Join(", ", d.TransformUrnsInclude.Concat(d.Transforms.Select(Show)));
            yield return $"descriptor: none holds [{wanted}]{(d.StateApi is { } s ? $" with state_api={s.ToString().ToLowerInvariant()}" : "")}; registered: "
                + (descriptors.Count == 0 ? "none" : string.Join("; ", descriptors.Select(r => Show(r, d.Transforms.Count > 0))));
        }

        foreach (var urn in d.TransformUrnsExclude)
        {
            var holders = descriptors.Where(r => r.TransformUrns.Contains(urn)).Select(static r => r.Id).ToList();
            if (holders.Count > 0)
            {
                yield return $"descriptor: '{urn}' must be in no descriptor; held by {string.Join(", ", holders)}";
            }
        }
    }

    private static bool Holds(ProtocolCheck.Descriptor d, RecordedDescriptor r) =>
        d.TransformUrnsInclude.All(r.TransformUrns.Contains)
        && (d.StateApi is null || d.StateApi == r.HasStateApi)
        && d.Transforms.All(t => r.Transforms.Any(x => Matches(t, x)));

    private static bool Matches(ExpectedDescriptorTransform expected, RecordedDescriptorTransform actual) =>
        expected.Urn == actual.Urn
        && (expected.UniqueName is null || expected.UniqueName == actual.UniqueName)
        && (expected.Annotations is null
            || (expected.Annotations.Count == actual.AnnotationsHex.Count
                && expected.Annotations.All(a => actual.AnnotationsHex.TryGetValue(a.Key, out var hex) && hex == Hex(a.Value))));

    private static string Hex(string value) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(value));

    private static string Show(ExpectedDescriptorTransform t) =>
        t.Urn + (t.UniqueName is { } n ? $" '{n}'" : "") + (t.Annotations is { } a ? " {" + string.Join(", ", a.Select(static x => $"{x.Key}={Hex(x.Value)}")) + "}" : "");

    private static string Show(RecordedDescriptor r, bool withTransforms) =>
        withTransforms
            ? $"{r.Id} [{string.Join(", ", r.Transforms.Select(static t => $"{t.Urn} '{t.UniqueName}'" + (t.AnnotationsHex.Count == 0 ? "" : " {" + string.Join(", ", t.AnnotationsHex.Select(static x => $"{x.Key}={x.Value}")) + "}")))}] state_api={r.HasStateApi.ToString().ToLowerInvariant()}"
            : $"{r.Id} [{string.Join(", ", r.TransformUrns)}] state_api={r.HasStateApi.ToString().ToLowerInvariant()}";
}
