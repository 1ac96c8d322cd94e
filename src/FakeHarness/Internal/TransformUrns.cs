namespace BeamConformance.FakeHarness.Internal;

/// <summary>The transform URNs the harness meets inside descriptors (beam_runner_api.proto StandardPTransforms and ours).</summary>
internal static class TransformUrns
{
    public const string DataSource = "beam:runner:source:v1";
    public const string DataSink = "beam:runner:sink:v1";
    public const string ParDo = "beam:transform:pardo:v1";
    public const string Flatten = "beam:transform:flatten:v1";
    public const string WindowInto = "beam:transform:window_into:v1";
    public const string CombinePerKey = "beam:transform:combine_per_key:v1";
    public const string CombineGlobally = "beam:transform:combine_globally:v1";
    public const string CombinePerKeyPrecombine = "beam:transform:combine_per_key_precombine:v1";
    public const string CombinePerKeyMergeAccumulators = "beam:transform:combine_per_key_merge_accumulators:v1";
    public const string CombinePerKeyExtractOutputs = "beam:transform:combine_per_key_extract_outputs:v1";
    public const string CombineGroupedValues = "beam:transform:combine_grouped_values:v1";

    public const string Create = "beamconformance:transform:create:v1";
    public const string Map = "beamconformance:transform:map:v1";
    public const string FlatMap = "beamconformance:transform:flat_map:v1";
    public const string Filter = "beamconformance:transform:filter:v1";
    public const string KeyBy = "beamconformance:transform:key_by:v1";
    public const string MultiOutput = "beamconformance:transform:multi_output:v1";
    public const string ReadSideInputs = "beamconformance:transform:read_side_inputs:v1";
    public const string Capture = "beamconformance:transform:capture:v1";
    public const string FailOn = "beamconformance:transform:fail_on:v1";
    public const string Stall = "beamconformance:transform:stall:v1";
    public const string InjectDefault = "beamconformance:transform:inject_default:v1";

    public const string GlobalWindows = "beam:window_fn:global_windows:v1";
    public const string FixedWindows = "beam:window_fn:fixed_windows:v1";
    public const string SlidingWindows = "beam:window_fn:sliding_windows:v1";
    public const string SessionWindows = "beam:window_fn:session_windows:v1";

    public const string IterableSideInput = "beam:side_input:iterable:v1";
    public const string MultimapSideInput = "beam:side_input:multimap:v1";
}
