using BeamConformance.FakeHarness;
using BeamConformance.Model;

namespace BeamConformance.Conformance.Scenarios;

/// <summary>The transform URNs a scenario may use without <c>opaque: true</c>, and their payload keys.</summary>
public static class ScenarioUrns
{
    /// <summary><c>beam:transform:impulse:v1</c>.</summary>
    public const string Impulse = Urns.Transforms.Impulse;

    /// <summary><c>beam:transform:group_by_key:v1</c>.</summary>
    public const string GroupByKey = Urns.Transforms.GroupByKey;

    /// <summary><c>beam:transform:flatten:v1</c>.</summary>
    public const string Flatten = Urns.Transforms.Flatten;

    /// <summary><c>beam:transform:reshuffle:v1</c>.</summary>
    public const string Reshuffle = Urns.Transforms.Reshuffle;

    /// <summary><c>beam:transform:window_into:v1</c>; the window fn is the output PCollection's.</summary>
    public const string WindowInto = Urns.Transforms.AssignWindows;

    /// <summary><c>beam:transform:combine_per_key:v1</c>.</summary>
    public const string CombinePerKey = Urns.Transforms.CombinePerKey;

    /// <summary><c>beam:transform:combine_globally:v1</c>.</summary>
    public const string CombineGlobally = Urns.Transforms.CombineGlobally;

    /// <summary><c>beam:transform:combine_grouped_values:v1</c>.</summary>
    public const string CombineGroupedValues = Urns.Transforms.CombineGroupedValues;

    /// <summary><c>beam:transform:teststream:v1</c> (format version 2), executed by the runner.</summary>
    public const string TestStream = Urns.Transforms.TestStream;

    /// <summary>Our create transform.</summary>
    public const string Create = HarnessUrns.Create;

    /// <summary>Our map transform.</summary>
    public const string Map = HarnessUrns.Map;

    /// <summary>Our flat-map transform.</summary>
    public const string FlatMap = HarnessUrns.FlatMap;

    /// <summary>Our filter transform.</summary>
    public const string Filter = HarnessUrns.Filter;

    /// <summary>Our key-by transform.</summary>
    public const string KeyBy = HarnessUrns.KeyBy;

    /// <summary>Our multiple-output transform.</summary>
    public const string MultiOutput = HarnessUrns.MultiOutput;

    /// <summary>Our side-input reading transform.</summary>
    public const string ReadSideInputs = HarnessUrns.ReadSideInputs;

    /// <summary>Our capture sink.</summary>
    public const string Capture = HarnessUrns.Capture;

    /// <summary>Our failing transform.</summary>
    public const string FailOn = HarnessUrns.FailOn;

    /// <summary>Our transform that holds its bundle until the job is cancelled.</summary>
    public const string Stall = HarnessUrns.Stall;

    /// <summary>Our stateful transform over bag user state (state id <c>bag</c>).</summary>
    public const string BagState = HarnessUrns.BagState;

    /// <summary>Our stateful transform over multimap user state (state id <c>map</c>).</summary>
    public const string MultimapState = HarnessUrns.MultimapState;

    /// <summary>Our stateful transform over ordered-list user state (state id <c>sorted</c>).</summary>
    public const string OrderedListState = HarnessUrns.OrderedListState;

    /// <summary>Our stateful transform with user timers (families <c>event</c> and <c>processing</c>, bags <c>buffer</c> and <c>fired</c>).</summary>
    public const string Timers = HarnessUrns.Timers;

    /// <summary>Our pass-through transform that registers a bundle finalization callback (<c>when</c>: on a matching element).</summary>
    public const string FinalizeBundle = HarnessUrns.FinalizeBundle;

    /// <summary>Our pass-through transform that holds the first element of a run until its bundle is asked for a split.</summary>
    public const string AwaitSplit = HarnessUrns.AwaitSplit;

    /// <summary>Our pass-through transform that makes the harness answer its stage wrongly in one named way (<c>answer</c>).</summary>
    public const string Misanswer = HarnessUrns.Misanswer;

    /// <summary>Our splittable DoFn over an offset-range restriction (testdata/README.md, "Splittable DoFns").</summary>
    public const string OffsetRangeSdf = HarnessUrns.OffsetRangeSdf;

    /// <summary>The restriction coder of <see cref="OffsetRangeSdf"/>: the offset range and the watermark-estimator state (ms).</summary>
    public const string OffsetRangeRestrictionCoder = "kv<kv<varint,varint>,varint>";

    /// <summary>Known URN → the payload keys it takes (required ones are checked by the loader).</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> PayloadKeys { get; } = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
    {
        [Impulse] = Set(), [GroupByKey] = Set(), [Flatten] = Set(), [Reshuffle] = Set(), [WindowInto] = Set(),
        [TestStream] = Set("events", "served", "fail_after", "endpoint_override"),
        [CombinePerKey] = Set("fn"), [CombineGlobally] = Set("fn"), [CombineGroupedValues] = Set("fn"),
        [Create] = Set("values", "elements"), [Map] = Set("fn"), [FlatMap] = Set("fn"), [Filter] = Set("predicate"),
        [KeyBy] = Set("key"), [MultiOutput] = Set("routes"), [ReadSideInputs] = Set(), [Capture] = Set(),
        [FailOn] = Set("when", "message", "times"), [Stall] = Set(),
        [BagState] = Set("emit", "fail_once_on", "time_sorted"), [MultimapState] = Set(), [OrderedListState] = Set(),
        [Timers] = Set("on_element", "on_timer", "time_sorted", "expiry_family"),
        [FinalizeBundle] = Set("when"), [AwaitSplit] = Set("timeout_ms"), [Misanswer] = Set("answer"),
        [OffsetRangeSdf] = Set("restriction", "output", "timestamp_per_offset_ms", "initial_split_size", "await_split", "checkpoint", "side_input", "restriction_reads_side_input", "watermark"),
    };

    private static HashSet<string> Set(params string[] keys) => new(keys, StringComparer.Ordinal);
}
