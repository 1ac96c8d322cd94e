namespace BeamConformance.ReferenceRunner.Hosting.Internal;

/// <summary>
/// The URNs the job side reads (StandardEnvironments, StandardArtifacts of <c>beam_runner_api.proto</c>);
/// a test checks each against the proto's <c>beam_urn</c> options.
/// </summary>
internal static class JobSideUrns
{
    public const string DockerEnvironment = "beam:env:docker:v1";
    public const string ProcessEnvironment = "beam:env:process:v1";
    public const string ExternalEnvironment = "beam:env:external:v1";
    public const string DefaultEnvironment = "beam:env:default:v1";
    public const string AnyOfEnvironment = "beam:env:anyof:v1";

    public const string FileArtifact = "beam:artifact:type:file:v1";
    public const string UrlArtifact = "beam:artifact:type:url:v1";
    public const string EmbeddedArtifact = "beam:artifact:type:embedded:v1";
    public const string StagingToRole = "beam:artifact:role:staging_to:v1";
}
