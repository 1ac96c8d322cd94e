namespace BeamConformance.Model;

public static partial class Urns
{
    /// <summary>Resource hint URNs: <c>StandardResourceHints</c>.</summary>
    public static class ResourceHints
    {
        /// <summary>An accelerator.</summary>
        public const string Accelerator = "beam:resources:accelerator:v1";

        /// <summary>Minimum RAM, bytes.</summary>
        public const string MinRamBytes = "beam:resources:min_ram_bytes:v1";

        /// <summary>CPU count.</summary>
        public const string CpuCount = "beam:resources:cpu_count:v1";
    }
}
