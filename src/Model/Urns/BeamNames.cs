namespace BeamConformance.Model;

/// <summary>
/// Names in Beam's <c>beam:</c> namespace that are not <c>beam_urn</c> options in the protos, so they cannot live in
/// <see cref="Urns"/> (whose every constant a test checks against the protos): URNs the SDKs define in code, the
/// URN form of pipeline options, and URN prefixes. Together with <see cref="Urns"/> the only place a <c>"beam:</c>
/// string literal may appear in <c>src/</c> (a test enforces it).
/// </summary>
public static class BeamNames
{
    /// <summary>
    /// <c>SideInput.window_mapping_fn</c> URNs the SDKs define (the TypeScript SDK's <c>internal/urns.ts</c>; the
    /// protos name the field, not these values).
    /// </summary>
    public static class WindowMappingFns
    {
        /// <summary>Every main-input window maps to the global window.</summary>
        public const string Global = "beam:window_mapping_fn:global:v1";

        /// <summary>Every main-input window maps to itself (main and side input share their window fn).</summary>
        public const string Identity = "beam:window_mapping_fn:identity:v1";
    }

    /// <summary>
    /// Pipeline options as SDKs put them in <c>PrepareJobRequest.pipeline_options</c>: each option's name as
    /// <c>beam:option:NAME:v1</c> (Beam's portable pipeline options translation).
    /// </summary>
    public static class PipelineOptions
    {
        /// <summary>Beam's <c>--streaming</c> (StandardOptions / StreamingOptions): a bool.</summary>
        public const string Streaming = "beam:option:streaming:v1";

        /// <summary>The ReferenceRunner's <c>--split_mode</c> pipeline option (a string: none, fraction:F, random:SEED,
        /// every-element), as an SDK sends any <c>--split_mode=...</c> flag; not a Beam-defined option.</summary>
        public const string SplitMode = "beam:option:split_mode:v1";

        /// <summary>The ReferenceRunner's <c>--drain</c> pipeline option (a bool): run the job drained, truncating the
        /// restrictions of splittable DoFns (<c>beam:transform:sdf_truncate_sized_restrictions:v1</c>) and resuming
        /// self-checkpoints at once; not a Beam-defined option (Beam's JobService has no drain call).</summary>
        public const string Drain = "beam:option:drain:v1";

        /// <summary>The ReferenceRunner's <c>--max_bundle_attempts</c> pipeline option (an integer, 1 to 100): how many
        /// times a failed bundle is run before its failure fails the job; not a Beam-defined option (each runner has its
        /// own retry policy: Dataflow retries a batch work item four times, Spark a task <c>spark.task.maxFailures</c> times).</summary>
        public const string MaxBundleAttempts = "beam:option:max_bundle_attempts:v1";
    }

    /// <summary>URN prefixes: a family of URNs, matched with <c>StartsWith</c> (ordinal).</summary>
    public static class Prefixes
    {
        /// <summary>Every coder URN (<c>StandardCoders</c>).</summary>
        public const string Coder = "beam:coder:";

        /// <summary>Every <c>Pipeline.requirements</c> URN (<c>StandardRequirements</c>).</summary>
        public const string Requirement = "beam:requirement:";

        /// <summary>Every runner-internal transform (the Fn API data ports <c>beam:runner:source:v1</c> and <c>beam:runner:sink:v1</c>).</summary>
        public const string RunnerTransform = "beam:runner:";

        /// <summary>Every version of the deprecated Read (<c>beam:transform:read:v1</c>).</summary>
        public const string Read = "beam:transform:read:";

        /// <summary>Every version of the deprecated CreateView (<c>beam:transform:create_view:v1</c>).</summary>
        public const string CreateView = "beam:transform:create_view:";

        /// <summary>The splittable ParDo components (<c>beam:transform:sdf_*</c>).</summary>
        public const string SplittableParDo = "beam:transform:sdf_";

        /// <summary>GroupIntoBatches, with or without sharded keys (<c>beam:transform:group_into_batches*</c>).</summary>
        public const string GroupIntoBatches = "beam:transform:group_into_batches";

        /// <summary>Pub/Sub read and write (<c>beam:transform:pubsub_*</c>).</summary>
        public const string PubSub = "beam:transform:pubsub_";
    }
}
