using BeamConformance.Protos.Adapters;
using Google.Protobuf;
using Org.Apache.Beam.Model.Pipeline.V1;
using Environment = Org.Apache.Beam.Model.Pipeline.V1.Environment;

namespace BeamConformance.ReferenceRunner.Tests.Hosting;

/// <summary>Small pipelines for job-side tests.</summary>
internal static class Pipelines
{
    /// <summary>
    /// Impulse → a ParDo in environment <c>env</c> (of <paramref name="environment"/>), coders bytes and
    /// global window.
    /// </summary>
    public static Pipeline ImpulseParDo(Environment environment)
    {
        var components = new Components();
        components.Coders["bytes"] = new Coder { Spec = new FunctionSpec { Urn = "beam:coder:bytes:v1" } };
        components.Coders["global"] = new Coder { Spec = new FunctionSpec { Urn = "beam:coder:global_window:v1" } };
        components.WindowingStrategies["ws"] = (BeamConformance.Model.Windowing.WindowingStrategy.Default with { OnTimeBehavior = BeamConformance.Model.Windowing.OnTimeBehavior.FireIfNonEmpty, WindowCoderId = "global", EnvironmentId = "env" }).ToProto();
        components.Pcollections["impulse.out"] = new PCollection { UniqueName = "impulse.out", CoderId = "bytes", WindowingStrategyId = "ws", IsBounded = IsBounded.Types.Enum.Bounded };
        components.Pcollections["pardo.out"] = new PCollection { UniqueName = "pardo.out", CoderId = "bytes", WindowingStrategyId = "ws", IsBounded = IsBounded.Types.Enum.Bounded };
        components.Transforms["impulse"] = new PTransform { UniqueName = "Impulse", Spec = new FunctionSpec { Urn = "beam:transform:impulse:v1" }, Outputs = { ["out"] = "impulse.out" } };
        components.Transforms["pardo"] = new PTransform
        {
            UniqueName = "ParDo",
            Spec = new FunctionSpec { Urn = "beam:transform:pardo:v1", Payload = new ParDoPayload { DoFn = new FunctionSpec { Urn = "beam:dofn:test:v1" } }.ToByteString() },
            Inputs = { ["in"] = "impulse.out" },
            Outputs = { ["out"] = "pardo.out" },
            EnvironmentId = "env",
        };
        components.Environments["env"] = environment;
        var pipeline = new Pipeline { Components = components };
        pipeline.RootTransformIds.Add("impulse");
        pipeline.RootTransformIds.Add("pardo");
        return pipeline;
    }

    public static Environment External(string endpoint = "127.0.0.1:1") => new()
    {
        Urn = "beam:env:external:v1",
        Payload = new ExternalPayload { Endpoint = new ApiServiceDescriptor { Url = endpoint } }.ToByteString(),
    };

    public static Environment Process(string command) => new()
    {
        Urn = "beam:env:process:v1",
        Payload = new ProcessPayload { Command = command }.ToByteString(),
    };

    public static Environment Docker() => new()
    {
        Urn = "beam:env:docker:v1",
        Payload = new DockerPayload { ContainerImage = "apache/beam_python3.11_sdk:2.60.0" }.ToByteString(),
    };

    public static ArtifactInformation FileArtifact(string path, string stagedName) => new()
    {
        TypeUrn = "beam:artifact:type:file:v1",
        TypePayload = new ArtifactFilePayload { Path = path }.ToByteString(),
        RoleUrn = "beam:artifact:role:staging_to:v1",
        RolePayload = new ArtifactStagingToRolePayload { StagedName = stagedName }.ToByteString(),
    };
}
