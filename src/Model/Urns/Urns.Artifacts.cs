namespace BeamConformance.Model;

public static partial class Urns
{
    /// <summary>Artifact type and role URNs: <c>StandardArtifacts</c>.</summary>
    public static class Artifacts
    {
        /// <summary>A file path (type payload: ArtifactFilePayload).</summary>
        public const string File = "beam:artifact:type:file:v1";

        /// <summary>A URL.</summary>
        public const string Url = "beam:artifact:type:url:v1";

        /// <summary>Bytes embedded in the payload.</summary>
        public const string Embedded = "beam:artifact:type:embedded:v1";

        /// <summary>A PyPI package.</summary>
        public const string PyPi = "beam:artifact:type:pypi:v1";

        /// <summary>A Maven artifact.</summary>
        public const string Maven = "beam:artifact:type:maven:v1";

        /// <summary>Resolved later by the expansion service.</summary>
        public const string Deferred = "beam:artifact:type:deferred:v1";

        /// <summary>Role: stage under a name.</summary>
        public const string StagingTo = "beam:artifact:role:staging_to:v1";

        /// <summary>Role: a pip requirements file.</summary>
        public const string PipRequirementsFile = "beam:artifact:role:pip_requirements_file:v1";

        /// <summary>Role: the Go worker binary.</summary>
        public const string GoWorkerBinary = "beam:artifact:role:go_worker_binary:v1";
    }
}
