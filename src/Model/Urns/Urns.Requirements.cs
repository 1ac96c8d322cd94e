namespace BeamConformance.Model;

public static partial class Urns
{
    /// <summary>Pipeline requirements a runner must understand: <c>StandardRequirements</c>.</summary>
    public static class Requirements
    {
        /// <summary>Stateful ParDo.</summary>
        public const string StatefulProcessing = "beam:requirement:pardo:stateful:v1";

        /// <summary>Bundle finalization callbacks.</summary>
        public const string BundleFinalization = "beam:requirement:pardo:finalization:v1";

        /// <summary>Inputs stable across retries.</summary>
        public const string StableInput = "beam:requirement:pardo:stable_input:v1";

        /// <summary>Inputs sorted by timestamp.</summary>
        public const string TimeSortedInput = "beam:requirement:pardo:time_sorted_input:v1";

        /// <summary>Splittable DoFn.</summary>
        public const string SplittableDoFn = "beam:requirement:pardo:splittable_dofn:v1";

        /// <summary>OnWindowExpiration callbacks.</summary>
        public const string OnWindowExpiration = "beam:requirement:pardo:on_window_expiration:v1";
    }
}
