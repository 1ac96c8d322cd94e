using System.Collections.Concurrent;
using BeamConformance.ReferenceRunner.Hosting;
using Grpc.Core;

namespace BeamConformance.ReferenceRunner.Jobs.Internal;

/// <summary>
/// Every job the server keeps, by id (the preparation id), and their retention (<see cref="JobRetention"/>): idle jobs
/// (finished, or prepared and not run) wait in one queue in the order they became idle; a sweep after every Prepare,
/// every job's end and on a timer drops those past the age limit and, while more jobs than the count limit are kept,
/// the oldest idle ones. Thread-safe.
/// </summary>
internal sealed class JobStore : IDisposable
{
    private readonly ConcurrentDictionary<string, JobRecord> _jobs = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly Queue<(JobRecord Job, DateTimeOffset Since)> _idle = new();
    private readonly JobRetention _retention;
    private readonly TimeProvider _time;
    private readonly Action<JobRecord> _dropped;
    private readonly ITimer? _timer;
    private long _sequence;

    /// <param name="retention">What to keep.</param>
    /// <param name="time">The clock of ages.</param>
    /// <param name="dropped">Called for each dropped job (deletes its staged files).</param>
    public JobStore(JobRetention retention, TimeProvider time, Action<JobRecord> dropped)
    {
        _retention = retention;
        _time = time;
        _dropped = dropped;
        if (retention.MaxAge is { } age)
        {
            // Often enough that a job outlives its age by at most a tenth of it (and a minute).
            var period = TimeSpan.FromTicks(Math.Clamp(age.Ticks / 10, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromMinutes(1).Ticks));
            _timer = time.CreateTimer(static state => ((JobStore)state!).Sweep(), this, period, period);
        }
    }

    /// <summary>A new unique job id built from the job name (kept readable, restricted to [A-Za-z0-9_-]).</summary>
    /// <returns>The id and a sequence number ordering jobs by creation.</returns>
    public (string Id, long Sequence) NewId(string jobName)
    {
        var name = new string(jobName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(40).ToArray());
        var n = Interlocked.Increment(ref _sequence);
        return ($"{(name.Length == 0 ? "job" : name)}-{n}-{Guid.NewGuid().ToString("N")[..8]}", n);
    }

    /// <summary>Keeps a newly prepared job (idle until it runs), then sweeps.</summary>
    public void Add(JobRecord job)
    {
        if (!_jobs.TryAdd(job.Id, job))
        {
            throw new InvalidOperationException($"ReferenceRunner bug: job id {job.Id} was issued twice.");
        }

        job.Events.Ended += () => BecameIdle(job);
        BecameIdle(job);
    }

    /// <summary>The number of jobs kept.</summary>
    public int Count => _jobs.Count;

    /// <summary>All jobs, oldest first.</summary>
    public IReadOnlyList<JobRecord> All => _jobs.Values.OrderBy(j => j.Sequence).ToList();

    /// <summary>The job, or an RpcException NOT_FOUND naming the id and what it was given as.</summary>
    /// <param name="id">The id from the request.</param>
    /// <param name="field">The request field it came from, e.g. <c>RunJobRequest.preparation_id</c>.</param>
    public JobRecord Get(string id, string field)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} is empty."));
        }

        return _jobs.TryGetValue(id, out var job)
            ? job
            : throw new RpcException(new Status(StatusCode.NotFound, $"{field} '{id}' names no job known to this runner (jobs are kept as --job-retention says: {_retention})."));
    }

    /// <summary>The job or null.</summary>
    public JobRecord? Find(string id) => _jobs.TryGetValue(id, out var job) ? job : null;

    // Queues the job as idle from now, then sweeps.
    private void BecameIdle(JobRecord job)
    {
        lock (_gate)
        {
            _idle.Enqueue((job, _time.GetUtcNow()));
        }

        Sweep();
    }

    /// <summary>Drops what the retention no longer keeps.</summary>
    public void Sweep()
    {
        List<JobRecord> dropped = [];
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            while (_idle.TryPeek(out var head)
                && ((_retention.MaxAge is { } age && head.Since + age <= now) || (_retention.MaxJobs is { } max && _jobs.Count > max)))
            {
                _idle.Dequeue();
                var (job, _) = head;
                if (!_jobs.ContainsKey(job.Id) || job.IsRunRequested && !job.Events.IsTerminal)
                {
                    continue; // Dropped already, or running: its end queues it again.
                }

                if (job.IsStaging)
                {
                    _idle.Enqueue((job, now)); // Idle again once staging ends (its deadline bounds that).
                    if (_idle.Peek().Job == job)
                    {
                        break; // Nothing else to drop: only staging jobs are idle.
                    }

                    continue;
                }

                if (_jobs.TryRemove(job.Id, out _))
                {
                    dropped.Add(job);
                }
            }
        }

        foreach (var job in dropped)
        {
            _dropped(job);
        }
    }

    public void Dispose() => _timer?.Dispose();
}
