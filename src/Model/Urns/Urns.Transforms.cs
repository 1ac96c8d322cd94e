namespace BeamConformance.Model;

public static partial class Urns
{
    /// <summary>PTransform URNs: <c>beam_runner_api.proto</c> <c>StandardPTransforms</c> (primitives, composites, combine and splittable ParDo components) and <c>beam_fn_api.proto</c> <c>FnApiTransforms</c>.</summary>
    public static class Transforms
    {
        /// <summary>ParDo (payload: ParDoPayload).</summary>
        public const string ParDo = "beam:transform:pardo:v1";

        /// <summary>Flatten of several PCollections.</summary>
        public const string Flatten = "beam:transform:flatten:v1";

        /// <summary>GroupByKey.</summary>
        public const string GroupByKey = "beam:transform:group_by_key:v1";

        /// <summary>Impulse: one empty-bytes element in the global window.</summary>
        public const string Impulse = "beam:transform:impulse:v1";

        /// <summary>WindowInto (payload: WindowIntoPayload).</summary>
        public const string AssignWindows = "beam:transform:window_into:v1";

        /// <summary>TestStream (payload: TestStreamPayload).</summary>
        public const string TestStream = "beam:transform:teststream:v1";

        /// <summary>Maps main-input windows to side-input windows.</summary>
        public const string MapWindows = "beam:transform:map_windows:v1";

        /// <summary>Merges windows with the window fn.</summary>
        public const string MergeWindows = "beam:transform:merge_windows:v1";

        /// <summary>Element to string, for display.</summary>
        public const string ToStringTransform = "beam:transform:to_string:v1";

        /// <summary>Deprecated Read (payload: ReadPayload).</summary>
        public const string Read = "beam:transform:read:v1";

        /// <summary>Deprecated CreateView.</summary>
        public const string CreateView = "beam:transform:create_view:v1";

        /// <summary>Combine.perKey (payload: CombinePayload).</summary>
        public const string CombinePerKey = "beam:transform:combine_per_key:v1";

        /// <summary>Combine.globally.</summary>
        public const string CombineGlobally = "beam:transform:combine_globally:v1";

        /// <summary>Reshuffle.</summary>
        public const string Reshuffle = "beam:transform:reshuffle:v1";

        /// <summary>WriteFiles.</summary>
        public const string WriteFiles = "beam:transform:write_files:v1";

        /// <summary>Pub/Sub read.</summary>
        public const string PubSubRead = "beam:transform:pubsub_read:v1";

        /// <summary>Pub/Sub write.</summary>
        public const string PubSubWrite = "beam:transform:pubsub_write:v1";

        /// <summary>Pub/Sub write, version 2.</summary>
        public const string PubSubWriteV2 = "beam:transform:pubsub_write:v2";

        /// <summary>GroupIntoBatches with sharded keys.</summary>
        public const string GroupIntoBatchesWithShardedKey = "beam:transform:group_into_batches_with_sharded_key:v1";

        /// <summary>Redistribute by key.</summary>
        public const string RedistributeByKey = "beam:transform:redistribute_by_key:v1";

        /// <summary>Redistribute arbitrarily.</summary>
        public const string RedistributeArbitrarily = "beam:transform:redistribute_arbitrarily:v1";

        /// <summary>Combine lifting: partial combine before the shuffle.</summary>
        public const string CombinePerKeyPrecombine = "beam:transform:combine_per_key_precombine:v1";

        /// <summary>Combine lifting: merge accumulators after the shuffle.</summary>
        public const string CombinePerKeyMergeAccumulators = "beam:transform:combine_per_key_merge_accumulators:v1";

        /// <summary>Combine lifting: extract outputs.</summary>
        public const string CombinePerKeyExtractOutputs = "beam:transform:combine_per_key_extract_outputs:v1";

        /// <summary>Combine of already grouped values.</summary>
        public const string CombineGroupedValues = "beam:transform:combine_grouped_values:v1";

        /// <summary>Combine: convert inputs to accumulators.</summary>
        public const string CombinePerKeyConvertToAccumulators = "beam:transform:combine_per_key_convert_to_accumulators:v1";

        /// <summary>Splittable ParDo: pair each element with its initial restriction.</summary>
        public const string PairWithRestriction = "beam:transform:sdf_pair_with_restriction:v1";

        /// <summary>Splittable ParDo: split and size restrictions.</summary>
        public const string SplitAndSizeRestrictions = "beam:transform:sdf_split_and_size_restrictions:v1";

        /// <summary>Splittable ParDo: process sized elements and restrictions.</summary>
        public const string ProcessSizedElementsAndRestrictions = "beam:transform:sdf_process_sized_element_and_restrictions:v1";

        /// <summary>Splittable ParDo: truncate restrictions on drain.</summary>
        public const string TruncateSizedRestrictions = "beam:transform:sdf_truncate_sized_restrictions:v1";

        /// <summary>GroupIntoBatches.</summary>
        public const string GroupIntoBatches = "beam:transform:group_into_batches:v1";

        /// <summary>Fn API: the runner's data-plane source inside a ProcessBundleDescriptor.</summary>
        public const string DataSource = "beam:runner:source:v1";

        /// <summary>Fn API: the runner's data-plane sink inside a ProcessBundleDescriptor.</summary>
        public const string DataSink = "beam:runner:sink:v1";
    }
}
