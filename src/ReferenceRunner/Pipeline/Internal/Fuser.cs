namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>The fusion of one pipeline.</summary>
internal sealed class Fuser(Org.Apache.Beam.Model.Pipeline.V1.Pipeline pipeline)
{
    public FusedPipeline Run() => throw new NotImplementedException("fusion is being written: " + pipeline.Components.Transforms.Count);
}
