namespace BeamConformance.Model;

public static partial class Urns
{
    /// <summary>Capabilities SDKs and runners declare: <c>StandardProtocols</c> and <c>StandardRunnerProtocols</c>.</summary>
    public static class Protocols
    {
        /// <summary>Legacy progress reporting.</summary>
        public const string LegacyProgressReporting = "beam:protocol:progress_reporting:v0";

        /// <summary>Progress reporting with MonitoringInfos.</summary>
        public const string ProgressReporting = "beam:protocol:progress_reporting:v1";

        /// <summary>The worker status API.</summary>
        public const string WorkerStatus = "beam:protocol:worker_status:v1";

        /// <summary>Bundles processed on several cores.</summary>
        public const string MultiCoreBundleProcessing = "beam:protocol:multi_core_bundle_processing:v1";

        /// <summary>Sibling workers sharing an environment.</summary>
        public const string SiblingWorkers = "beam:protocol:sibling_workers:v1";

        /// <summary>Harness-level MonitoringInfos.</summary>
        public const string HarnessMonitoringInfos = "beam:protocol:harness_monitoring_infos:v1";

        /// <summary>Elements embedded in control requests.</summary>
        public const string ControlRequestElementsEmbedding = "beam:protocol:control_request_elements_embedding:v1";

        /// <summary>State caching with cache tokens.</summary>
        public const string StateCaching = "beam:protocol:state_caching:v1";

        /// <summary>Data sampling.</summary>
        public const string DataSampling = "beam:protocol:data_sampling:v1";

        /// <summary>The SDK reports consumed data.</summary>
        public const string SdkConsumingReceivedData = "beam:protocol:sdk_consuming_received_data:v1";

        /// <summary>Ordered list state over the State API.</summary>
        public const string OrderedListState = "beam:protocol:ordered_list_state:v1";

        /// <summary>Runner: MonitoringInfo short ids.</summary>
        public const string MonitoringInfoShortIds = "beam:protocol:monitoring_info_short_ids:v1";

        /// <summary>Runner: elements embedded in control responses.</summary>
        public const string ControlResponseElementsEmbedding = "beam:protocol:control_response_elements_embedding:v1";

        /// <summary>Runner: multimap keys-and-values side input state.</summary>
        public const string MultimapKeysValuesSideInput = "beam:protocol:multimap_keys_values_side_input:v1";
    }
}
