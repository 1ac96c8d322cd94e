namespace BeamConformance.Engine.Internal;

/// <summary>Channel splits: the residual of a committed bundle is checked before anything is applied.</summary>
internal sealed partial class EngineCore
{
    private static void CheckResiduals(SdkStageRuntime stage, BundleId id, BundleResult result)
    {
        foreach (var (pcollection, first) in result.FirstResidualElements)
        {
            var count = stage.InFlightElementCount(id, pcollection)
                ?? throw new ArgumentException($"bundle {id} of stage '{stage.Id}' returned a residual of '{pcollection}', which is not a main input of that stage (inputs: {string.Join(", ", stage.Spec.Inputs)})", nameof(result));
            if (first < 0 || first > count)
            {
                throw new ArgumentException($"bundle {id} of stage '{stage.Id}' returned a residual of '{pcollection}' from element {first}, outside the bundle's {count} elements of that input", nameof(result));
            }
        }

        foreach (var root in result.ResidualRoots)
        {
            if (stage.IndexOfInput(root.Input) < 0)
            {
                throw new ArgumentException($"bundle {id} of stage '{stage.Id}' returned a residual root of '{root.Input}', which is not a main input of that stage (inputs: {string.Join(", ", stage.Spec.Inputs)})", nameof(result));
            }
        }
    }
}
