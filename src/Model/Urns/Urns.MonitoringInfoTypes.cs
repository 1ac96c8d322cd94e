namespace BeamConformance.Model;

public static partial class Urns
{
    /// <summary>MonitoringInfo payload type URNs: <c>metrics.proto</c> <c>MonitoringInfoTypeUrns</c>.</summary>
    public static class MonitoringInfoTypes
    {
        /// <summary>Varint sum.</summary>
        public const string SumInt64 = "beam:metrics:sum_int64:v1";

        /// <summary>Double sum.</summary>
        public const string SumDouble = "beam:metrics:sum_double:v1";

        /// <summary>Count, sum, min, max as varints.</summary>
        public const string DistributionInt64 = "beam:metrics:distribution_int64:v1";

        /// <summary>Count (varint), sum, min, max (doubles).</summary>
        public const string DistributionDouble = "beam:metrics:distribution_double:v1";

        /// <summary>Timestamp and varint value.</summary>
        public const string LatestInt64 = "beam:metrics:latest_int64:v1";

        /// <summary>Timestamp and double value.</summary>
        public const string LatestDouble = "beam:metrics:latest_double:v1";

        /// <summary>Top N varints.</summary>
        public const string TopNInt64 = "beam:metrics:top_n_int64:v1";

        /// <summary>Top N doubles.</summary>
        public const string TopNDouble = "beam:metrics:top_n_double:v1";

        /// <summary>Bottom N varints.</summary>
        public const string BottomNInt64 = "beam:metrics:bottom_n_int64:v1";

        /// <summary>Bottom N doubles.</summary>
        public const string BottomNDouble = "beam:metrics:bottom_n_double:v1";

        /// <summary>Progress doubles.</summary>
        public const string Progress = "beam:metrics:progress:v1";

        /// <summary>A set of strings.</summary>
        public const string SetString = "beam:metrics:set_string:v1";

        /// <summary>A bounded trie.</summary>
        public const string BoundedTrie = "beam:metrics:bounded_trie:v1";

        /// <summary>An int64 histogram.</summary>
        public const string HistogramInt64 = "beam:metrics:histogram_int64:v1";
    }
}
