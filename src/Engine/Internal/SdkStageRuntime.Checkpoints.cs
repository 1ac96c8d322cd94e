namespace BeamConformance.Engine.Internal;

/// <summary>
/// Self-checkpoints (residual roots with a delay): each holds the stage's output watermark at its hold from the commit
/// on, and is issued again (before other work of the stage) once the job's processing time reaches its resume time.
/// </summary>
internal sealed partial class SdkStageRuntime
{
    private readonly List<(long ResumeAtMillis, StageItem Item)> _delayed = [];

    /// <summary>The earliest resume time (ms, processing time) of a delayed residual, or <see cref="long.MaxValue"/>.</summary>
    public long NextResumeMillis => _delayed.Count == 0 ? long.MaxValue : _delayed.Min(static d => d.ResumeAtMillis);

    /// <summary>How many delayed residuals wait (for the stuck-job dump).</summary>
    public int DelayedCount => _delayed.Count;

    /// <summary>Keeps delayed residual roots until their resume time; their holds count from now.</summary>
    public void Delay(IReadOnlyList<(long ResumeAtMillis, ResidualRoot Root)> roots)
    {
        foreach (var (at, root) in roots)
        {
            _delayed.Add((at, new StageItem(IndexOfInput(root.Input), root.Element, root.HoldMillis)));
            _pending.Add(root.HoldMillis);
        }
    }

    /// <summary>
    /// Residuals whose resume time the processing time has reached become work now, so that they stop counting as a
    /// wake-up to come: otherwise a refresh at their due time would schedule a wake-up due at once, again and again
    /// (under TestStream, inside the virtual clock's advance: the job would hang).
    /// </summary>
    public override void OnRefresh(EngineCore core) => ResumeDue(core.ProcessingTimeMillis);

    // Moves the residuals due at processing time nowMillis to the front of the stage's work, in resume order.
    private void ResumeDue(long nowMillis)
    {
        if (_delayed.Count == 0)
        {
            return;
        }

        var due = _delayed.Where(d => d.ResumeAtMillis <= nowMillis).OrderBy(static d => d.ResumeAtMillis).ToList();
        foreach (var d in due)
        {
            _delayed.Remove(d);
            _retries.Enqueue(([d.Item], 1));
        }
    }
}
