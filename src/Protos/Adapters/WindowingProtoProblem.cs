namespace BeamConformance.Protos.Adapters;

/// <summary>One reason a <c>WindowingStrategy</c> message cannot be read into the windowing model.</summary>
/// <param name="Field">The proto field at fault, as a path from the strategy (<c>trigger.after_each.subtriggers[1]</c>, <c>output_time</c>, ...).</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record WindowingProtoProblem(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Message}";
}
