namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>
/// The transform, side-input, window-fn, requirement and environment URNs the translation knows
/// (values from <c>beam_runner_api.proto</c> and <c>standard_window_fns.proto</c>).
/// </summary>
internal static class TransformUrns
{
    // Primitives (StandardPTransforms.Primitives).
    public const string ParDo = "beam:transform:pardo:v1";
    public const string Flatten = "beam:transform:flatten:v1";
    public const string GroupByKey = "beam:transform:group_by_key:v1";
    public const string Impulse = "beam:transform:impulse:v1";
    public const string AssignWindows = "beam:transform:window_into:v1";
    public const string TestStream = "beam:transform:teststream:v1";
    public const string MapWindows = "beam:transform:map_windows:v1";
    public const string MergeWindows = "beam:transform:merge_windows:v1";
    public const string ToStringUrn = "beam:transform:to_string:v1";

    // Deprecated / composite (StandardPTransforms.DeprecatedPrimitives, Composites).
    public const string CombinePerKey = "beam:transform:combine_per_key:v1";
    public const string CombineGlobally = "beam:transform:combine_globally:v1";
    public const string Reshuffle = "beam:transform:reshuffle:v1";
    public const string WriteFiles = "beam:transform:write_files:v1";
    public const string RedistributeArbitrarily = "beam:transform:redistribute_arbitrarily:v1";
    public const string RedistributeByKey = "beam:transform:redistribute_by_key:v1";

    // CombineComponents.
    public const string CombinePerKeyPrecombine = "beam:transform:combine_per_key_precombine:v1";
    public const string CombinePerKeyMergeAccumulators = "beam:transform:combine_per_key_merge_accumulators:v1";
    public const string CombinePerKeyExtractOutputs = "beam:transform:combine_per_key_extract_outputs:v1";
    public const string CombineGroupedValues = "beam:transform:combine_grouped_values:v1";
    public const string CombinePerKeyConvertToAccumulators = "beam:transform:combine_per_key_convert_to_accumulators:v1";

    // Data ports (StandardRunnerProtocols / beam_fn_api.proto).
    public const string DataSource = "beam:runner:source:v1";
    public const string DataSink = "beam:runner:sink:v1";

    // Side inputs (StandardSideInputTypes).
    public const string IterableSideInput = "beam:side_input:iterable:v1";
    public const string MultimapSideInput = "beam:side_input:multimap:v1";

    // Window fns (standard_window_fns.proto).
    public const string GlobalWindows = "beam:window_fn:global_windows:v1";
    public const string FixedWindows = "beam:window_fn:fixed_windows:v1";
    public const string SlidingWindows = "beam:window_fn:sliding_windows:v1";
    public const string SessionWindows = "beam:window_fn:session_windows:v1";

    // Environments (StandardEnvironments).
    public const string DockerEnvironment = "beam:env:docker:v1";
    public const string ProcessEnvironment = "beam:env:process:v1";
    public const string ExternalEnvironment = "beam:env:external:v1";
    public const string DefaultEnvironment = "beam:env:default:v1";
    public const string AnyOfEnvironment = "beam:env:anyof:v1";

    // Requirements (StandardRequirements).
    public const string RequirementPrefix = "beam:requirement:";
}
