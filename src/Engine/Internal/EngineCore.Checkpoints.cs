namespace BeamConformance.Engine.Internal;

/// <summary>
/// Self-checkpoints: residual roots that asked for a delay wait on the job's processing-time clock, except in a drained
/// job (<see cref="EngineOptions.Drain"/>), where every residual runs next.
/// </summary>
internal sealed partial class EngineCore
{
    // Residuals without a delay run next; the others resume at the processing time read now plus their delay.
    private (List<ResidualRoot> Now, List<(long ResumeAtMillis, ResidualRoot Root)> Later) SplitByDelay(IReadOnlyList<ResidualRoot> roots)
    {
        var now = new List<ResidualRoot>();
        var later = new List<(long, ResidualRoot)>();
        if (_options.Drain)
        {
            return ([.. roots], later);
        }

        if (roots.Any(static r => r.DelayMillis > 0))
        {
            ReadClock();
        }

        foreach (var root in roots)
        {
            if (root.DelayMillis > 0)
            {
                later.Add((ProcessingTimeMillis + root.DelayMillis, root));
            }
            else
            {
                now.Add(root);
            }
        }

        return (now, later);
    }
}
