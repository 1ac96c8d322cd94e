using BeamConformance.Engine;
using BeamConformance.ReferenceRunner.Translation;

namespace BeamConformance.ReferenceRunner.Tests.Translation;

/// <summary>A fused pipeline as text, one line per engine stage in the engine graph's order.</summary>
internal static class FusedPipelineText
{
    public static string Describe(FusedPipeline fused)
    {
        var lines = new List<string>();
        foreach (var spec in fused.BuildEngineGraph().Stages)
        {
            if (spec.Kind == StageKind.Sdk)
            {
                var plan = fused.StageOf(spec.Id);
                var sides = plan.SideInputs.Count == 0 ? "" : " | side " + string.Join(", ", plan.SideInputs.Select(static s => $"{s.PCollection}({s.LocalName}, {s.AccessPatternUrn.Split(':')[2]})"));
                lines.Add($"{plan.StageId} [{plan.EnvironmentId}]: {Join(plan.Inputs.Select(static i => i.PCollection))} -> {string.Join(", ", plan.TransformIds)} -> {Join(plan.Outputs.Select(static o => o.PCollection))}{sides}");
            }
            else
            {
                var transform = fused.RunnerTransforms.Single(r => r.StageId == spec.Id);
                lines.Add($"{transform.StageId}: {transform.Kind} {Join(transform.Inputs)} -> {transform.Output}");
            }
        }

        return string.Join("\n", lines);
    }

    private static string Join(IEnumerable<PCollectionId> ids) => string.Join(", ", ids);
}
