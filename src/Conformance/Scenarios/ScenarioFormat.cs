namespace BeamConformance.Conformance.Scenarios;

/// <summary>
/// The keys of the scenario format (version 2, a superset of version 1), per object kind. The loader accepts exactly these keys; the kinds and
/// keys are those of <c>testdata/schema/*.schema.json</c> <c>$defs</c> (a test keeps the two equal).
/// </summary>
public static class ScenarioFormat
{
    /// <summary>The format version this build reads.</summary>
    public const int Version = 2;

    /// <summary>The oldest format version this build still reads unchanged.</summary>
    public const int OldestVersion = 1;

    /// <summary>Object kind (schema <c>$defs</c> name) → its allowed keys.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Keys { get; } = Build(new()
    {
        ["scenario"] = "format id description spec features timeout_ms split_mode drain max_bundle_attempts pipeline_options environment_id pipeline expect job_api",
        ["pipeline"] = "windowing_strategies pcollections transforms requirements environments components_json root_transform_ids without_components empty_composites",
        ["environment"] = "urn capabilities harness",
        ["pcollection"] = "coder windowing bounded",
        ["windowing_strategy"] = "window_fn trigger accumulation_mode allowed_lateness_ms timestamp_combiner closing_behavior on_time_behavior",
        ["window_fn"] = "global fixed sliding sessions",
        ["global"] = "",
        ["fixed"] = "size_ms offset_ms",
        ["sliding"] = "size_ms period_ms offset_ms",
        ["sessions"] = "gap_ms",
        ["trigger"] = "default never always after_synchronized_processing_time element_count after_watermark after_processing_time after_all after_any after_each repeatedly or_finally",
        ["after_watermark"] = "early late",
        ["after_processing_time"] = "transforms",
        ["time_transform"] = "delay_ms align_to",
        ["align_to"] = "period_ms offset_ms",
        ["or_finally"] = "main finally",
        ["transform"] = "name urn inputs side_inputs outputs payload opaque unique_name environment subtransforms wrapped_in pardo_payload annotations",
        ["pardo_payload"] = "coders state_specs timer_family_specs side_inputs restriction_coder_id requires_time_sorted_input on_window_expiration_timer_family_spec bytes",
        ["raw_coder"] = "urn components",
        ["state_spec"] = "kind coders protocol",
        ["timer_family_spec"] = "time_domain coder",
        ["side_input"] = "pcollection view default",
        ["payload"] = "values elements fn predicate key routes when message events emit fail_once_on time_sorted on_element on_timer expiry_family restriction output timestamp_per_offset_ms initial_split_size await_split timeout_ms checkpoint side_input restriction_reads_side_input watermark times answer served fail_after endpoint_override",
        ["checkpoint"] = "after delay_ms",
        ["watermark_estimator"] = "per_offset_ms lead_ms",
        ["teststream_event"] = "add_elements advance_watermark advance_processing_time empty",
        ["empty"] = "",
        ["add_elements"] = "tag elements",
        ["advance_watermark"] = "tag new_watermark_ms",
        ["advance_processing_time"] = "advance_ms",
        ["element"] = "value timestamp_ms raw_hex",
        ["fn"] = "add multiply mod concat prefix to_string size identity key value constant kv map_values chain",
        ["kv_fn"] = "key value",
        ["flat_fn"] = "repeat range split explode explode_values each none",
        ["predicate"] = "equals less_than greater_than divisible_by in starts_with key value not all any const",
        ["expect"] = "outputs failure protocol",
        ["pane"] = "window pane timestamp_ms values elements ordered",
        ["interval"] = "start_ms end_ms",
        ["pane_info"] = "timing index on_time_index first last",
        ["failure"] = "phase status job_state message_contains",
        ["protocol_check"] = "data_to_harness descriptor state_requests instructions channel_splits user_state_cache_tokens timers element_splits bundle_finalization checkpoints progress late_requests residual_watermarks",
        ["residual_watermarks"] = "checkpoints_ms element_splits_ms",
        ["checkpoints"] = "delays_ms resumed",
        ["progress"] = "first_work_per_bundle answers_at_least",
        ["late_requests"] = "count at_least at_most",
        ["channel_splits"] = "answers estimated_input_elements prefix",
        ["element_splits"] = "primary residual",
        ["data_to_harness"] = "pcollection windowed_values_hex ordered",
        ["bundle_finalization"] = "finalized",
        ["descriptor"] = "transform_urns_include state_api transform_urns_exclude transforms",
        ["descriptor_transform"] = "urn unique_name annotations",
        ["state_requests"] = "kind side_input count at_least at_most operation transform state_id key_hex window_hex continued",
        ["timers"] = "direction family timers_hex ordered",
        ["user_state_cache_tokens"] = "count at_least at_most",
        ["instructions"] = "kind count at_least at_most",
        ["job_step"] = "wait_for wait_for_message cancel expect_state expect_state_stream expect_message_stream expect_metric call expect_pipeline expect_listed",
        ["expect_state_stream"] = "subsequence last",
        ["cancel"] = "answers",
        ["expect_message_stream"] = "states_subsequence message_contains warning_contains warning_counts message_counts",
        ["expect_metric"] = "urn pcollection transform name namespace kind at_least equals payload_hex",
        ["call"] = "method job_id expect_status",
        ["expectations"] = "runner entries",
        ["entry"] = "id status reason",
        ["features"] = "features",
        ["feature"] = "tag origin description",
    });

    /// <summary>Keys reserved on a transform for a later format version (user state, timers, SDF).</summary>
    public static IReadOnlySet<string> ReservedTransformKeys { get; } = new HashSet<string>(["state", "timers", "restriction"], StringComparer.Ordinal);

    /// <summary>gRPC status code names a scenario may name.</summary>
    public static IReadOnlySet<string> StatusCodes { get; } = new HashSet<string>(
        "OK CANCELLED UNKNOWN INVALID_ARGUMENT DEADLINE_EXCEEDED NOT_FOUND ALREADY_EXISTS PERMISSION_DENIED RESOURCE_EXHAUSTED FAILED_PRECONDITION ABORTED OUT_OF_RANGE UNIMPLEMENTED INTERNAL UNAVAILABLE DATA_LOSS UNAUTHENTICATED"
            .Split(' '), StringComparer.Ordinal);

    private static Dictionary<string, IReadOnlySet<string>> Build(Dictionary<string, string> spaced) =>
        spaced.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlySet<string>)new HashSet<string>(kv.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal),
            StringComparer.Ordinal);
}
