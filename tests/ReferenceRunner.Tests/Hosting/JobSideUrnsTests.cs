using Google.Protobuf.Reflection;
using BeamConformance.ReferenceRunner.Hosting.Internal;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Hosting;

/// <summary>The job side's URN constants equal the <c>beam_urn</c> options of beam_runner_api.proto.</summary>
public sealed class JobSideUrnsTests
{
    public static TheoryData<string, string, string> Urns => new()
    {
        // StandardEnvironments.Environments
        { JobSideUrns.DockerEnvironment, "StandardEnvironments.Environments", "DOCKER" },
        { JobSideUrns.ProcessEnvironment, "StandardEnvironments.Environments", "PROCESS" },
        { JobSideUrns.ExternalEnvironment, "StandardEnvironments.Environments", "EXTERNAL" },
        { JobSideUrns.DefaultEnvironment, "StandardEnvironments.Environments", "DEFAULT" },
        { JobSideUrns.AnyOfEnvironment, "StandardEnvironments.Environments", "ANYOF" },
        // StandardArtifacts.Types (ArtifactTypes in our proto, see its comment) and Roles
        { JobSideUrns.FileArtifact, "StandardArtifacts.ArtifactTypes", "FILE" },
        { JobSideUrns.UrlArtifact, "StandardArtifacts.ArtifactTypes", "URL" },
        { JobSideUrns.EmbeddedArtifact, "StandardArtifacts.ArtifactTypes", "EMBEDDED" },
        { JobSideUrns.StagingToRole, "StandardArtifacts.Roles", "STAGING_TO" },
    };

    [Theory]
    [MemberData(nameof(Urns))]
    public void Constant_matches_the_proto(string constant, string enumName, string value)
    {
        var file = BeamRunnerApiReflection.Descriptor;
        var outer = file.MessageTypes.Single(m => m.Name == enumName.Split('.')[0]);
        var enumType = outer.EnumTypes.Single(e => e.Name == enumName.Split('.')[1]);
        var option = enumType.FindValueByName(value).GetOptions().GetExtension(BeamRunnerApiExtensions.BeamUrn);

        Assert.Equal(option, constant);
    }
}
