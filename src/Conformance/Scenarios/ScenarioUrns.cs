namespace BeamConformance.Conformance.Scenarios;

/// <summary>The transform URNs a scenario may use without <c>opaque: true</c>, and their payload keys.</summary>
public static class ScenarioUrns
{
    /// <summary><c>beam:transform:impulse:v1</c>.</summary>
    public const string Impulse = "beam:transform:impulse:v1";

    /// <summary><c>beam:transform:group_by_key:v1</c>.</summary>
    public const string GroupByKey = "beam:transform:group_by_key:v1";

    /// <summary><c>beam:transform:flatten:v1</c>.</summary>
    public const string Flatten = "beam:transform:flatten:v1";

    /// <summary><c>beam:transform:reshuffle:v1</c>.</summary>
    public const string Reshuffle = "beam:transform:reshuffle:v1";

    /// <summary><c>beam:transform:window_into:v1</c>; the window fn is the output PCollection's.</summary>
    public const string WindowInto = "beam:transform:window_into:v1";

    /// <summary><c>beam:transform:combine_per_key:v1</c>.</summary>
    public const string CombinePerKey = "beam:transform:combine_per_key:v1";

    /// <summary><c>beam:transform:combine_globally:v1</c>.</summary>
    public const string CombineGlobally = "beam:transform:combine_globally:v1";

    /// <summary><c>beam:transform:combine_grouped_values:v1</c>.</summary>
    public const string CombineGroupedValues = "beam:transform:combine_grouped_values:v1";

    /// <summary>Our create transform.</summary>
    public const string Create = "beamconformance:transform:create:v1";

    /// <summary>Our map transform.</summary>
    public const string Map = "beamconformance:transform:map:v1";

    /// <summary>Our flat-map transform.</summary>
    public const string FlatMap = "beamconformance:transform:flat_map:v1";

    /// <summary>Our filter transform.</summary>
    public const string Filter = "beamconformance:transform:filter:v1";

    /// <summary>Our key-by transform.</summary>
    public const string KeyBy = "beamconformance:transform:key_by:v1";

    /// <summary>Our multiple-output transform.</summary>
    public const string MultiOutput = "beamconformance:transform:multi_output:v1";

    /// <summary>Our side-input reading transform.</summary>
    public const string ReadSideInputs = "beamconformance:transform:read_side_inputs:v1";

    /// <summary>Our capture sink.</summary>
    public const string Capture = "beamconformance:transform:capture:v1";

    /// <summary>Our failing transform.</summary>
    public const string FailOn = "beamconformance:transform:fail_on:v1";

    /// <summary>Our transform that holds its bundle until the job is cancelled.</summary>
    public const string Stall = "beamconformance:transform:stall:v1";

    /// <summary>Known URN → the payload keys it takes (required ones are checked by the loader).</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> PayloadKeys { get; } = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
    {
        [Impulse] = Set(), [GroupByKey] = Set(), [Flatten] = Set(), [Reshuffle] = Set(), [WindowInto] = Set(),
        [CombinePerKey] = Set("fn"), [CombineGlobally] = Set("fn"), [CombineGroupedValues] = Set("fn"),
        [Create] = Set("values", "elements"), [Map] = Set("fn"), [FlatMap] = Set("fn"), [Filter] = Set("predicate"),
        [KeyBy] = Set("key"), [MultiOutput] = Set("routes"), [ReadSideInputs] = Set(), [Capture] = Set(),
        [FailOn] = Set("when", "message"), [Stall] = Set(),
    };

    private static HashSet<string> Set(params string[] keys) => new(keys, StringComparer.Ordinal);
}
