using BeamConformance.Engine;

namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>Maps a <see cref="FusedPipeline"/> to the engine's <see cref="StageGraph"/>.</summary>
internal static class EngineGraphFactory
{
    public static StageGraph Build(FusedPipeline fused)
    {
        var builder = new StageGraphBuilder();
        foreach (var transform in fused.RunnerTransforms)
        {
            _ = transform.Kind switch
            {
                RunnerTransformKind.Impulse => builder.AddImpulse(transform.StageId, transform.Output),
                RunnerTransformKind.Flatten or RunnerTransformKind.Reshuffle => builder.AddFlatten(transform.StageId, transform.Inputs, transform.Output),
                RunnerTransformKind.GroupByKey => builder.AddGroupByKey(
                    transform.StageId,
                    transform.Inputs.Single(),
                    transform.Output,
                    transform.WindowingStrategy ?? throw new InvalidOperationException($"ReferenceRunner bug: GroupByKey '{transform.StageId}' has no windowing strategy")),
                _ => throw new InvalidOperationException($"ReferenceRunner bug: unknown runner transform kind {transform.Kind}"),
            };
        }

        foreach (var stage in fused.Stages)
        {
            builder.AddSdkStage(
                stage.StageId,
                [.. stage.Inputs.Select(static i => i.PCollection).Distinct()],
                [.. stage.Outputs.Select(static o => o.PCollection)],
                [.. stage.SideInputs.Select(static s => s.PCollection).Distinct().Select(static p => new SideInput(p))]);
        }

        return builder.Build();
    }
}
