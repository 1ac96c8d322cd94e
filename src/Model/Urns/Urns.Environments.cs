namespace BeamConformance.Model;

public static partial class Urns
{
    /// <summary>Environment URNs: <c>StandardEnvironments</c>.</summary>
    public static class Environments
    {
        /// <summary>A container image (payload: DockerPayload).</summary>
        public const string Docker = "beam:env:docker:v1";

        /// <summary>A local command (payload: ProcessPayload).</summary>
        public const string Process = "beam:env:process:v1";

        /// <summary>A worker pool at an endpoint (payload: ExternalPayload).</summary>
        public const string External = "beam:env:external:v1";

        /// <summary>The runner's default environment.</summary>
        public const string Default = "beam:env:default:v1";

        /// <summary>Any one of several environments (payload: AnyOfEnvironmentPayload).</summary>
        public const string AnyOf = "beam:env:anyof:v1";
    }
}
