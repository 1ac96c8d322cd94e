using BeamConformance.ReferenceRunner.Execution.Internal;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Execution;

/// <summary>
/// A job's metrics as MonitoringInfos (<c>metrics.proto</c>), aggregated across bundles: committed values
/// come from successful ProcessBundleResponses, attempted values additionally include the latest progress
/// (ProcessBundleProgressResponse) of bundles still running and the last known values of failed bundles.
/// Thread-safe.
/// </summary>
/// <remarks>
/// Values are grouped by URN, type and labels. Aggregation follows the type URN:
/// <c>beam:metrics:sum_int64:v1</c> / <c>sum_double</c> are summed, <c>distribution_int64</c> /
/// <c>distribution_double</c> merge count, sum, min and max, <c>latest_int64</c> / <c>latest_double</c> keep
/// the value with the latest timestamp; any other type keeps the most recent payload.
/// A bundle's progress values are cumulative for that bundle, so each new progress report replaces the
/// previous one of the same bundle rather than adding to it.
/// </remarks>
public sealed class JobMetrics
{
    private readonly Lock _lock = new();
    private readonly MetricTable _committed = new();
    private readonly MetricTable _attemptedFinished = new();
    private readonly Dictionary<string, IReadOnlyList<MonitoringInfo>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>
    /// Records the latest progress of a running bundle (its cumulative MonitoringInfos so far); replaces
    /// the previous progress of the same bundle.
    /// </summary>
    /// <param name="bundleKey">Identifies the bundle within the job, e.g. its ProcessBundle instruction id.</param>
    /// <param name="monitoringInfos">ProcessBundleProgressResponse.monitoring_infos.</param>
    /// <exception cref="ArgumentException">A payload is malformed for its type (the message names the URN).</exception>
    public void Attempted(string bundleKey, IEnumerable<MonitoringInfo> monitoringInfos)
    {
        ArgumentException.ThrowIfNullOrEmpty(bundleKey);
        ArgumentNullException.ThrowIfNull(monitoringInfos);
        var snapshot = monitoringInfos.ToList();
        MetricTable.Validate(snapshot);
        lock (_lock)
        {
            _inFlight[bundleKey] = snapshot;
        }
    }

    /// <summary>
    /// Records a successful bundle's final MonitoringInfos (ProcessBundleResponse.monitoring_infos): they are
    /// added to both the committed and the attempted values, and the bundle's progress is dropped.
    /// </summary>
    /// <param name="bundleKey">The key used in <see cref="Attempted"/>, if any.</param>
    /// <param name="monitoringInfos">ProcessBundleResponse.monitoring_infos.</param>
    /// <exception cref="ArgumentException">A payload is malformed for its type (the message names the URN).</exception>
    public void Commit(string bundleKey, IEnumerable<MonitoringInfo> monitoringInfos) => Commit(bundleKey, Decode(monitoringInfos));

    /// <summary>
    /// Decodes a bundle's final MonitoringInfos into one table for <see cref="Commit(string, MetricTable)"/>, so a
    /// malformed payload is refused before the bundle's outputs commit and nothing is parsed twice.
    /// </summary>
    /// <exception cref="ArgumentException">A payload is malformed for its type (the message names the URN).</exception>
    internal static MetricTable Decode(IEnumerable<MonitoringInfo> monitoringInfos)
    {
        ArgumentNullException.ThrowIfNull(monitoringInfos);
        var table = new MetricTable();
        table.AddAll(monitoringInfos);
        return table;
    }

    /// <summary>Records a bundle's final values already decoded by <see cref="Decode"/>; never throws for their content.</summary>
    internal void Commit(string bundleKey, MetricTable final)
    {
        ArgumentException.ThrowIfNullOrEmpty(bundleKey);
        lock (_lock)
        {
            _inFlight.Remove(bundleKey);
            _committed.AddAll(final);
            _attemptedFinished.AddAll(final);
        }
    }

    /// <summary>
    /// Ends a bundle that failed: its last progress stays in the attempted values (work was attempted)
    /// and never reaches the committed values.
    /// </summary>
    /// <param name="bundleKey">The key used in <see cref="Attempted"/>.</param>
    public void Abandon(string bundleKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(bundleKey);
        lock (_lock)
        {
            if (_inFlight.Remove(bundleKey, out var last))
            {
                _attemptedFinished.AddAll(last);
            }
        }
    }

    /// <summary>
    /// The job's metrics as JobService GetJobMetrics returns them (<c>beam_job_api.proto</c> MetricResults):
    /// <c>attempted</c> (finished bundles plus the progress of running ones) and <c>committed</c>
    /// (successful bundles only), each one MonitoringInfo per URN, type and labels, ordered by URN then labels.
    /// </summary>
    /// <returns>A new message; later changes to the metrics do not affect it.</returns>
    public MetricResults ToMetricResults()
    {
        lock (_lock)
        {
            var attempted = _attemptedFinished.Clone();
            foreach (var snapshot in _inFlight.Values)
            {
                attempted.AddAll(snapshot);
            }

            var results = new MetricResults();
            results.Attempted.AddRange(attempted.ToMonitoringInfos());
            results.Committed.AddRange(_committed.ToMonitoringInfos());
            return results;
        }
    }
}
