using System.Collections.Concurrent;
using Grpc.Core;

namespace BeamConformance.ReferenceRunner.Jobs.Internal;

/// <summary>Every job the server knows, by id (the preparation id). Thread-safe.</summary>
internal sealed class JobStore
{
    private readonly ConcurrentDictionary<string, JobRecord> _jobs = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>A new unique job id built from the job name (kept readable, restricted to [A-Za-z0-9_-]).</summary>
    /// <returns>The id and a sequence number ordering jobs by creation.</returns>
    public (string Id, long Sequence) NewId(string jobName)
    {
        var name = new string(jobName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(40).ToArray());
        var n = Interlocked.Increment(ref _sequence);
        return ($"{(name.Length == 0 ? "job" : name)}-{n}-{Guid.NewGuid().ToString("N")[..8]}", n);
    }

    public void Add(JobRecord job)
    {
        if (!_jobs.TryAdd(job.Id, job))
        {
            throw new InvalidOperationException($"ReferenceRunner bug: job id {job.Id} was issued twice.");
        }
    }

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
            : throw new RpcException(new Status(StatusCode.NotFound, $"{field} '{id}' names no job known to this runner."));
    }

    /// <summary>The job or null.</summary>
    public JobRecord? Find(string id) => _jobs.TryGetValue(id, out var job) ? job : null;
}
