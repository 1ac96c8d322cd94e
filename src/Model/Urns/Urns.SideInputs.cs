namespace BeamConformance.Model;

public static partial class Urns
{
    /// <summary>Side input access patterns: <c>StandardSideInputTypes</c>.</summary>
    public static class SideInputs
    {
        /// <summary>All values, as an iterable (state key: IterableSideInput).</summary>
        public const string Iterable = "beam:side_input:iterable:v1";

        /// <summary>Values by key (state keys: MultimapSideInput, MultimapKeysSideInput).</summary>
        public const string Multimap = "beam:side_input:multimap:v1";
    }
}
