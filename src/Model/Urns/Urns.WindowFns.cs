namespace BeamConformance.Model;

public static partial class Urns
{
    /// <summary>Window fn URNs: <c>standard_window_fns.proto</c>.</summary>
    public static class WindowFns
    {
        /// <summary>The global window.</summary>
        public const string GlobalWindows = "beam:window_fn:global_windows:v1";

        /// <summary>Fixed windows (payload: FixedWindowsPayload).</summary>
        public const string FixedWindows = "beam:window_fn:fixed_windows:v1";

        /// <summary>Sliding windows (payload: SlidingWindowsPayload).</summary>
        public const string SlidingWindows = "beam:window_fn:sliding_windows:v1";

        /// <summary>Sessions, merging (payload: SessionWindowsPayload).</summary>
        public const string SessionWindows = "beam:window_fn:session_windows:v1";
    }
}
