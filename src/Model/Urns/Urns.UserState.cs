namespace BeamConformance.Model;

public static partial class Urns
{
    /// <summary>User state types: <c>StandardUserStateTypes</c>.</summary>
    public static class UserState
    {
        /// <summary>Bag state.</summary>
        public const string Bag = "beam:user_state:bag:v1";

        /// <summary>Multimap state.</summary>
        public const string Multimap = "beam:user_state:multimap:v1";

        /// <summary>Ordered list state.</summary>
        public const string OrderedList = "beam:user_state:ordered_list:v1";
    }
}
