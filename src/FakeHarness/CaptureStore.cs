using System.Collections.Concurrent;

namespace BeamConformance.FakeHarness;

/// <summary>
/// The captures of every scenario run, in memory: elements per (run id, capture transform name) and bundle failures
/// per run id. Thread-safe; the harness adds to it, the suite reads it after the job ends.
/// </summary>
public sealed class CaptureStore : ICaptureSink
{
    private readonly ConcurrentDictionary<string, RunCaptures> _runs = new(StringComparer.Ordinal);

    /// <summary>Adds one element (also used by the capture service for out-of-process harnesses).</summary>
    /// <param name="element">The captured element.</param>
    public void Add(CaptureRecord element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var run = Run(element.RunId);
        lock (run)
        {
            run.Elements.Add(element);
        }
    }

    /// <summary>Adds one bundle failure.</summary>
    /// <param name="failure">The failure.</param>
    public void AddFailure(CaptureFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var run = Run(failure.RunId);
        lock (run)
        {
            run.Failures.Add(failure);
        }
    }

    /// <inheritdoc />
    public Task DeliverAsync(IReadOnlyList<CaptureRecord> elements, IReadOnlyList<CaptureFailure> failures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentNullException.ThrowIfNull(failures);
        foreach (var element in elements)
        {
            Add(element);
        }

        foreach (var failure in failures)
        {
            AddFailure(failure);
        }

        return Task.CompletedTask;
    }

    /// <summary>Every element captured for <paramref name="runId"/>, by any capture transform, in arrival order.</summary>
    /// <param name="runId">The run id.</param>
    /// <returns>A snapshot (empty when nothing was captured).</returns>
    public IReadOnlyList<CaptureRecord> GetElements(string runId)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            return [];
        }

        lock (run)
        {
            return run.Elements.ToArray();
        }
    }

    /// <summary>The elements captured for <paramref name="runId"/> by the capture transform <paramref name="transform"/>.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="transform">The capture transform's name.</param>
    /// <returns>A snapshot in arrival order.</returns>
    public IReadOnlyList<CaptureRecord> GetElements(string runId, string transform) =>
        GetElements(runId).Where(e => string.Equals(e.Transform, transform, StringComparison.Ordinal)).ToArray();

    /// <summary>The bundle failures of <paramref name="runId"/>, in order.</summary>
    /// <param name="runId">The run id.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<CaptureFailure> GetFailures(string runId)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            return [];
        }

        lock (run)
        {
            return run.Failures.ToArray();
        }
    }

    /// <summary>Forgets everything recorded for <paramref name="runId"/>.</summary>
    /// <param name="runId">The run id.</param>
    public void Remove(string runId) => _runs.TryRemove(runId, out _);

    private RunCaptures Run(string runId) => _runs.GetOrAdd(runId ?? string.Empty, static _ => new RunCaptures());

    private sealed class RunCaptures
    {
        public List<CaptureRecord> Elements { get; } = [];

        public List<CaptureFailure> Failures { get; } = [];
    }
}
