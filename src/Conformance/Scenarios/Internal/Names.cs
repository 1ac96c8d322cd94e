using BeamConformance.Model;

namespace BeamConformance.Conformance.Scenarios.Internal;

/// <summary>The YAML spellings of model enums.</summary>
internal static class Names
{
    public static string Timing(PaneTiming timing) => timing switch
    {
        PaneTiming.Early => "EARLY",
        PaneTiming.OnTime => "ON_TIME",
        PaneTiming.Late => "LATE",
        _ => "UNKNOWN",
    };
}
