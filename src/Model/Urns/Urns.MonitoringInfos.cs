namespace BeamConformance.Model;

public static partial class Urns
{
    /// <summary>MonitoringInfo (metric) URNs: the <c>monitoring_info_spec</c> options of <c>metrics.proto</c> <c>MonitoringInfoSpecs</c>.</summary>
    public static class MonitoringInfos
    {
        /// <summary>User counter (int64).</summary>
        public const string UserSumInt64 = "beam:metric:user:sum_int64:v1";

        /// <summary>User counter (double).</summary>
        public const string UserSumDouble = "beam:metric:user:sum_double:v1";

        /// <summary>User distribution (int64).</summary>
        public const string UserDistributionInt64 = "beam:metric:user:distribution_int64:v1";

        /// <summary>User distribution (double).</summary>
        public const string UserDistributionDouble = "beam:metric:user:distribution_double:v1";

        /// <summary>User gauge (int64).</summary>
        public const string UserLatestInt64 = "beam:metric:user:latest_int64:v1";

        /// <summary>User gauge (double).</summary>
        public const string UserLatestDouble = "beam:metric:user:latest_double:v1";

        /// <summary>User top N (int64).</summary>
        public const string UserTopNInt64 = "beam:metric:user:top_n_int64:v1";

        /// <summary>User top N (double).</summary>
        public const string UserTopNDouble = "beam:metric:user:top_n_double:v1";

        /// <summary>User bottom N (int64).</summary>
        public const string UserBottomNInt64 = "beam:metric:user:bottom_n_int64:v1";

        /// <summary>User bottom N (double).</summary>
        public const string UserBottomNDouble = "beam:metric:user:bottom_n_double:v1";

        /// <summary>User string set.</summary>
        public const string UserSetString = "beam:metric:user:set_string:v1";

        /// <summary>User bounded trie.</summary>
        public const string UserBoundedTrie = "beam:metric:user:bounded_trie:v1";

        /// <summary>User histogram (int64).</summary>
        public const string UserHistogramInt64 = "beam:metric:user:histogram_int64:v1";

        /// <summary>Elements output to a PCollection.</summary>
        public const string ElementCount = "beam:metric:element_count:v1";

        /// <summary>Sampled encoded sizes of a PCollection's elements.</summary>
        public const string SampledByteSize = "beam:metric:sampled_byte_size:v1";

        /// <summary>Time in StartBundle, ms.</summary>
        public const string StartBundleMsecs = "beam:metric:pardo_execution_time:start_bundle_msecs:v1";

        /// <summary>Time processing elements, ms.</summary>
        public const string ProcessBundleMsecs = "beam:metric:pardo_execution_time:process_bundle_msecs:v1";

        /// <summary>Time in FinishBundle, ms.</summary>
        public const string FinishBundleMsecs = "beam:metric:pardo_execution_time:finish_bundle_msecs:v1";

        /// <summary>Total time in a PTransform, ms.</summary>
        public const string TotalMsecs = "beam:metric:ptransform_execution_time:total_msecs:v1";

        /// <summary>Work remaining of a PTransform.</summary>
        public const string WorkRemaining = "beam:metric:ptransform_progress:remaining:v1";

        /// <summary>Work completed of a PTransform.</summary>
        public const string WorkCompleted = "beam:metric:ptransform_progress:completed:v1";

        /// <summary>Index of the last element read from a data channel.</summary>
        public const string DataChannelReadIndex = "beam:metric:data_channel:read_index:v1";

        /// <summary>IO API requests.</summary>
        public const string ApiRequestCount = "beam:metric:io:api_request_count:v1";

        /// <summary>IO API request latencies.</summary>
        public const string ApiRequestLatencies = "beam:metric:io:api_request_latencies:v1";
    }
}
