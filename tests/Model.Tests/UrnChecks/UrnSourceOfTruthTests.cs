using System.Reflection;
using BeamConformance.Model.Coders;
using Google.Protobuf.Reflection;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Model.Tests.UrnChecks;

/// <summary>Every URN our code uses is a <c>beam_urn</c> (or <c>monitoring_info_spec</c>) option in the compiled protos.</summary>
public sealed class UrnSourceOfTruthTests
{
    private static readonly IReadOnlyList<EnumValueDescriptor> ProtoEnumValues = AllEnumValues();

    private static readonly HashSet<string> BeamUrns = ProtoEnumValues
        .Select(v => v.GetOptions()?.GetExtension(BeamRunnerApiExtensions.BeamUrn))
        .Where(u => !string.IsNullOrEmpty(u))
        .Select(u => u!)
        .ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> MonitoringInfoUrns = ProtoEnumValues
        .Select(v => v.GetOptions()?.GetExtension(MetricsExtensions.MonitoringInfoSpec)?.Urn)
        .Where(u => !string.IsNullOrEmpty(u))
        .Select(u => u!)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Every public const string of every family class nested in <see cref="Model.Urns"/>: (family, name, value).</summary>
    public static TheoryData<string, string, string> OurUrns() => Constants(typeof(Model.Urns));

    [Theory]
    [MemberData(nameof(OurUrns))]
    public void Our_urn_is_declared_in_the_protos(string family, string name, string urn)
    {
        var declared = family == nameof(Model.Urns.MonitoringInfos) ? MonitoringInfoUrns : BeamUrns;
        Assert.True(declared.Contains(urn), $"Urns.{family}.{name} = \"{urn}\" is not a {(family == nameof(Model.Urns.MonitoringInfos) ? "monitoring_info_spec urn" : "beam_urn")} in the protos");
    }

    /// <summary>Every public const string of every family class nested in <see cref="BeamNames"/>: (family, name, value).</summary>
    public static TheoryData<string, string, string> OurOtherNames() => Constants(typeof(BeamNames));

    [Theory]
    [MemberData(nameof(OurOtherNames))]
    public void A_name_outside_Urns_is_no_urn_of_the_protos(string family, string name, string value)
    {
        // BeamNames holds what the protos do not declare; a proto URN belongs in Urns, where it is checked.
        Assert.StartsWith("beam:", value, StringComparison.Ordinal);
        Assert.False(BeamUrns.Contains(value) || MonitoringInfoUrns.Contains(value), $"BeamNames.{family}.{name} = \"{value}\" is declared in the protos: move it to Urns");
    }

    [Fact]
    public void The_protos_declare_urns_at_all()
    {
        // Guards the theory above against an empty descriptor walk.
        Assert.Contains("beam:coder:windowed_value:v1", BeamUrns);
        Assert.Contains("beam:metric:element_count:v1", MonitoringInfoUrns);
    }

    [Fact]
    public void Every_standard_coder_of_the_protos_is_known_to_the_registry()
    {
        var standardCoders = StandardCoders.Descriptor.EnumTypes[0].Values
            .Select(v => v.GetOptions().GetExtension(BeamRunnerApiExtensions.BeamUrn))
            .ToHashSet();

        Assert.Equal(standardCoders.Order(StringComparer.Ordinal), CoderRegistry.KnownUrns.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("MIN_TIMESTAMP_MILLIS", BeamTime.MinTimestampMillis)] // the model's minimum timestamp
    [InlineData("MAX_TIMESTAMP_MILLIS", BeamTime.MaxTimestampMillis)] // the model's maximum timestamp
    [InlineData("GLOBAL_WINDOW_MAX_TIMESTAMP_MILLIS", BeamTime.EndOfGlobalWindowMillis)] // end of the global window
    public void BeamTime_matches_the_beam_constant_options(string name, long millis)
    {
        var value = ProtoEnumValues.Single(v => v.Name == name && !string.IsNullOrEmpty(v.GetOptions()?.GetExtension(BeamRunnerApiExtensions.BeamConstant)));
        Assert.Equal(millis.ToString(System.Globalization.CultureInfo.InvariantCulture), value.GetOptions().GetExtension(BeamRunnerApiExtensions.BeamConstant));
    }

    // Every public const string of every family class nested in `holder`: (family, name, value).
    private static TheoryData<string, string, string> Constants(Type holder)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var family in holder.GetNestedTypes(BindingFlags.Public))
        {
            foreach (var field in family.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            {
                data.Add(family.Name, field.Name, (string)field.GetRawConstantValue()!);
            }
        }

        return data;
    }

    private static IReadOnlyList<EnumValueDescriptor> AllEnumValues()
    {
        var files = typeof(BeamRunnerApiReflection).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>()
            .ToList();
        var values = new List<EnumValueDescriptor>();
        foreach (var file in files)
        {
            values.AddRange(file.EnumTypes.SelectMany(e => e.Values));
            foreach (var message in file.MessageTypes)
            {
                AddNested(message, values);
            }
        }

        return values;
    }

    private static void AddNested(MessageDescriptor message, List<EnumValueDescriptor> values)
    {
        values.AddRange(message.EnumTypes.SelectMany(e => e.Values));
        foreach (var nested in message.NestedTypes)
        {
            AddNested(nested, values);
        }
    }
}
