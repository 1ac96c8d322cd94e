namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>The validation of one pipeline.</summary>
internal sealed class Validator(Org.Apache.Beam.Model.Pipeline.V1.Pipeline pipeline)
{
    public IReadOnlyList<ValidationProblem> Run() => pipeline.Components is null ? [new ValidationProblem("pipeline", "components", "", "missing")] : [];
}
