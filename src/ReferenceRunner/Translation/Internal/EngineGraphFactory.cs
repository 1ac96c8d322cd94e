using BeamConformance.Engine;
using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>
/// Maps a <see cref="FusedPipeline"/> to the engine's <see cref="StageGraph"/>: each runner transform is declared by
/// its family (<see cref="Preparers.RunnerTransformPreparer.Declare"/>), each executable stage as an SDK stage.
/// </summary>
internal static class EngineGraphFactory
{
    public static StageGraph Build(FusedPipeline fused)
    {
        var builder = new StageGraphBuilder();
        foreach (var transform in fused.RunnerTransforms)
        {
            var preparer = transform.Preparer ?? throw new InvalidOperationException($"ReferenceRunner bug: runner transform '{transform.StageId}' has no family to declare it");
            preparer.Declare(builder, transform);
        }

        foreach (var stage in fused.Stages)
        {
            builder.AddSdkStage(
                stage.StageId,
                [.. stage.Inputs.Select(static i => i.PCollection).Distinct()],
                [.. stage.Outputs.Select(static o => o.PCollection)],
                [.. stage.SideInputs.GroupBy(static s => s.PCollection).Select(static g => new SideInput(g.Key) { WindowMapping = Mapping(g) })],
                stage.IsStateful ? stage.UserStateAllowedLatenessMillis : null,
                stage.RequiresTimeSortedInput);
        }

        return builder.Build();
    }

    // Lets the engine start a main window once the side input is complete (or has a fired pane) for the window it
    // maps to, for the standard mappings; any other mapping (or readers disagreeing) waits for the whole side input.
    // A side PCollection in the global window (global window coder) has no other window, so whatever its mapping fn,
    // every main window maps to the global window.
    private static Func<BoundedWindow, BoundedWindow>? Mapping(IEnumerable<StageSideInput> readers)
    {
        if (readers.All(static r => r.WindowCoder.Urn == Urns.Coders.GlobalWindow))
        {
            return static _ => GlobalWindow.Instance;
        }

        var urns = readers.Select(static r => r.WindowMappingUrn).Distinct().ToList();
        return urns is [var urn] ? urn switch
        {
            BeamNames.WindowMappingFns.Global => static _ => GlobalWindow.Instance,
            BeamNames.WindowMappingFns.Identity => static window => window,
            _ => null,
        } : null;
    }
}
