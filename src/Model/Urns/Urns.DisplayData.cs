namespace BeamConformance.Model;

public static partial class Urns
{
    /// <summary>Display data URNs: <c>StandardDisplayData</c>.</summary>
    public static class DisplayData
    {
        /// <summary>A labelled value.</summary>
        public const string Labelled = "beam:display_data:labelled:v1";
    }
}
