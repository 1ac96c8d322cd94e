using BeamConformance.Model;

namespace BeamConformance.FakeHarness;

/// <summary>
/// The URNs the FakeHarness executes and the capabilities it declares (what the suite puts in the
/// <c>fakeharness</c> environment's <c>capabilities</c>).
/// </summary>
public static class HarnessUrns
{
    /// <summary>The environment id the suite uses for transforms the harness runs.</summary>
    public const string EnvironmentId = "fakeharness";

    /// <summary>Prefix of our test transforms' <c>ParDoPayload.do_fn.urn</c>, e.g. <c>beamconformance:transform:map:v1</c>.</summary>
    public const string TransformPrefix = "beamconformance:transform:";

    /// <summary><c>beamconformance:transform:create:v1</c>: a test transform (testdata/README.md, "Transforms").</summary>
    public const string Create = "beamconformance:transform:create:v1";

    /// <summary><c>beamconformance:transform:map:v1</c>: a test transform (testdata/README.md, "Transforms").</summary>
    public const string Map = "beamconformance:transform:map:v1";

    /// <summary><c>beamconformance:transform:flat_map:v1</c>: a test transform (testdata/README.md, "Transforms").</summary>
    public const string FlatMap = "beamconformance:transform:flat_map:v1";

    /// <summary><c>beamconformance:transform:filter:v1</c>: a test transform (testdata/README.md, "Transforms").</summary>
    public const string Filter = "beamconformance:transform:filter:v1";

    /// <summary><c>beamconformance:transform:key_by:v1</c>: a test transform (testdata/README.md, "Transforms").</summary>
    public const string KeyBy = "beamconformance:transform:key_by:v1";

    /// <summary><c>beamconformance:transform:multi_output:v1</c>: a test transform (testdata/README.md, "Transforms").</summary>
    public const string MultiOutput = "beamconformance:transform:multi_output:v1";

    /// <summary><c>beamconformance:transform:read_side_inputs:v1</c>: a test transform (testdata/README.md, "Transforms").</summary>
    public const string ReadSideInputs = "beamconformance:transform:read_side_inputs:v1";

    /// <summary><c>beamconformance:transform:capture:v1</c>: a test transform (testdata/README.md, "Transforms").</summary>
    public const string Capture = "beamconformance:transform:capture:v1";

    /// <summary><c>beamconformance:transform:fail_on:v1</c>: a test transform (testdata/README.md, "Transforms").</summary>
    public const string FailOn = "beamconformance:transform:fail_on:v1";

    /// <summary><c>beamconformance:transform:bag_state:v1</c>: a stateful test transform over bag user state (testdata/README.md, "State").</summary>
    public const string BagState = "beamconformance:transform:bag_state:v1";

    /// <summary><c>beamconformance:transform:multimap_state:v1</c>: a stateful test transform over multimap user state.</summary>
    public const string MultimapState = "beamconformance:transform:multimap_state:v1";

    /// <summary><c>beamconformance:transform:ordered_list_state:v1</c>: a stateful test transform over ordered-list user state.</summary>
    public const string OrderedListState = "beamconformance:transform:ordered_list_state:v1";

    /// <summary>
    /// <c>beamconformance:transform:timers:v1</c>: a stateful test transform with user timers (families <c>event</c>,
    /// EVENT_TIME, and <c>processing</c>, PROCESSING_TIME) and bag state <c>buffer</c> and <c>fired</c>, driven by the
    /// commands of its payload (testdata/README.md, "Timers").
    /// </summary>
    public const string Timers = "beamconformance:transform:timers:v1";

    /// <summary>
    /// <c>beamconformance:transform:offset_range_sdf:v1</c>: the test splittable DoFn over an offset range (testdata/README.md,
    /// "Splittable DoFns"); its ParDoPayload has a <c>restriction_coder_id</c> and the runner expands it.
    /// </summary>
    public const string OffsetRangeSdf = "beamconformance:transform:offset_range_sdf:v1";

    /// <summary><c>beamconformance:transform:stall:v1</c>: a test transform (testdata/README.md, "Transforms").</summary>
    public const string Stall = "beamconformance:transform:stall:v1";

    /// <summary><c>beamconformance:transform:finalize_bundle:v1</c>: a pass-through test transform that registers a bundle
    /// finalization callback (testdata/README.md, "Bundle finalization").</summary>
    public const string FinalizeBundle = "beamconformance:transform:finalize_bundle:v1";

    /// <summary><c>beamconformance:transform:await_split:v1</c>: a pass-through test transform that holds the first element
    /// it sees in a run until its bundle is asked for a split (testdata/README.md, "Progress-driven splits").</summary>
    public const string AwaitSplit = "beamconformance:transform:await_split:v1";

    /// <summary><c>beamconformance:transform:misanswer:v1</c>: a pass-through test transform (payload <c>{answer: KIND}</c>)
    /// that makes the harness answer its stage's splits, progress, bundle responses or output data wrongly in one named
    /// way (testdata/README.md, "Misanswers"; <c>Internal/Faults/Misanswer</c>).</summary>
    public const string Misanswer = "beamconformance:transform:misanswer:v1";

    /// <summary>
    /// The <c>ParDoPayload.do_fn.urn</c> of the default-value branch of the <c>combine_globally</c> expansion (payload
    /// JSON <c>{"fn": "sum", "run": ...}</c>): main input an Impulse, one iterable side input (the combined, unkeyed
    /// PCollection); emits the fn's result for an empty input, in the main element's window, only when the side input
    /// is empty in the mapped window (min and max have none). Its output is flattened with the combined values.
    /// </summary>
    public const string InjectDefault = "beamconformance:transform:inject_default:v1";

    /// <summary>The <c>CombinePayload.combine_fn.urn</c> of our combine fns (payload JSON <c>{"fn": "sum", ...}</c>).</summary>
    public const string CombineFn = "beamconformance:combine_fn:v1";

    /// <summary>The <c>SideInput.view_fn.urn</c> of <c>read_side_inputs</c> (payload JSON <c>{"view": ..., "default": ...}</c>).</summary>
    public const string ViewFn = "beamconformance:view_fn:v1";

    /// <summary>The <c>SideInput.window_mapping_fn.urn</c>: the harness maps windows from the side PCollection's window fn.</summary>
    public const string WindowMappingFn = "beamconformance:window_mapping_fn:v1";

    /// <summary>Prefix of custom coders (<c>beamconformance:coder:custom:NAME:v1</c>), encoded as varint length then bytes.</summary>
    public const string CustomCoderPrefix = "beamconformance:coder:custom:";

    /// <summary>The payload key naming the scenario run that the suite adds to every JSON payload.</summary>
    public const string RunKey = "run";

    /// <summary>
    /// The capabilities of the harness's environment: the model coders it decodes and encodes and the
    /// <c>beam:protocol:*</c> features it implements.
    /// </summary>
    public static IReadOnlyList<string> Capabilities { get; } =
    [
        Urns.Coders.Bytes,
        Urns.Coders.StringUtf8,
        Urns.Coders.Kv,
        Urns.Coders.Bool,
        Urns.Coders.VarInt,
        Urns.Coders.Double,
        Urns.Coders.Iterable,
        Urns.Coders.IntervalWindow,
        Urns.Coders.LengthPrefix,
        Urns.Coders.GlobalWindow,
        Urns.Coders.WindowedValue,
        Urns.Coders.ParamWindowedValue,
        Urns.Coders.StateBackedIterable,
        Urns.Coders.Nullable,
        Urns.Protocols.ProgressReporting,
        Urns.Protocols.HarnessMonitoringInfos,
        Urns.Protocols.MultiCoreBundleProcessing,
    ];
}
