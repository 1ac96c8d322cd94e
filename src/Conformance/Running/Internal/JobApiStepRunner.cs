using BeamConformance.Conformance.Scenarios;
using Grpc.Core;
using Google.Protobuf;
using Org.Apache.Beam.Model.JobManagement.V1;
using JobState = BeamConformance.Conformance.Scenarios.JobState;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Conformance.Running.Internal;

/// <summary>Runs a scenario's <c>job_api</c> steps (testdata/README.md, "job_api") and lists what did not hold.</summary>
internal sealed class JobApiStepRunner(JobService.JobServiceClient client, string jobId, Pipeline submitted, JobStreams streams, DateTime deadline)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    public async Task<List<string>> RunAsync(IReadOnlyList<JobApiStep> steps, CancellationToken ct)
    {
        var problems = new List<string>();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            try
            {
                if (await StepAsync(step, ct).ConfigureAwait(false) is { } problem)
                {
                    problems.Add($"job_api step {i + 1} ({Name(step)}, line {step.Location.Line}): {problem}");
                }
            }
            catch (RpcException e)
            {
                problems.Add($"job_api step {i + 1} ({Name(step)}, line {step.Location.Line}): the call failed with {StatusNames.Of(e.StatusCode)}: {e.Status.Detail}");
            }
        }

        return problems;
    }

    /// <summary>Polls GetState until one of <paramref name="states"/> (or any terminal state when null), or the deadline.</summary>
    public async Task<JobState?> WaitForAsync(IReadOnlyCollection<JobState>? states, CancellationToken ct)
    {
        JobState? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = StatusNames.Of((await client.GetStateAsync(new GetJobStateRequest { JobId = jobId }, Options(ct)).ResponseAsync.ConfigureAwait(false)).State);
            if (states is null ? StatusNames.IsTerminal(last) : last is { } s && states.Contains(s))
            {
                return last;
            }

            if (states is not null && StatusNames.IsTerminal(last))
            {
                return last;
            }

            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }

        return last;
    }

    // Polls the recorded message stream until a message contains the fragment; the problem when the stream ends first
    // or the deadline passes.
    private async Task<string?> WaitForMessageAsync(string fragment, CancellationToken ct)
    {
        while (true)
        {
            var ended = await streams.WaitEndedAsync(TimeSpan.Zero).ConfigureAwait(false);
            var texts = streams.MessageTexts;
            if (texts.Any(t => t.Contains(fragment, StringComparison.Ordinal)))
            {
                return null;
            }

            if (ended || DateTime.UtcNow >= deadline)
            {
                return $"no job message contained \"{fragment}\" {(ended ? "when the message stream ended" : "by the deadline")} (messages: {(texts.Count == 0 ? "none" : string.Join(" | ", texts))})";
            }

            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
    }

    private async Task<string?> StepAsync(JobApiStep step, CancellationToken ct)
    {
        switch (step)
        {
            case JobApiStep.WaitFor w:
                var reached = await WaitForAsync(w.States, ct).ConfigureAwait(false);
                return reached is { } r && w.States.Contains(r) ? null : $"the job did not reach {string.Join("|", w.States)} (last state {reached?.ToString() ?? "none"})";
            case JobApiStep.WaitForMessage w:
                return await WaitForMessageAsync(w.Fragment, ct).ConfigureAwait(false);
            case JobApiStep.Cancel c:
                var answer = StatusNames.Of((await client.CancelAsync(new CancelJobRequest { JobId = jobId }, Options(ct)).ResponseAsync.ConfigureAwait(false)).State);
                return c.Answers.Count == 0 || (answer is { } a && c.Answers.Contains(a))
                    ? null
                    : $"Cancel answered {answer?.ToString() ?? "UNSPECIFIED"}, expected {string.Join("|", c.Answers)}";
            case JobApiStep.ExpectState e:
                var now = StatusNames.Of((await client.GetStateAsync(new GetJobStateRequest { JobId = jobId }, Options(ct)).ResponseAsync.ConfigureAwait(false)).State);
                return now == e.State ? null : $"GetState returned {now?.ToString() ?? "UNSPECIFIED"}, expected {e.State}";
            case JobApiStep.ExpectStateStream s:
                await streams.WaitEndedAsync(Remaining()).ConfigureAwait(false);
                return Subsequence(streams.States, s.Subsequence, s.Last, "state stream");
            case JobApiStep.ExpectMessageStream m:
                await streams.WaitEndedAsync(Remaining()).ConfigureAwait(false);
                var problems = new List<string>();
                if (Subsequence(streams.MessageStates, m.StatesSubsequence, null, "message stream states") is { } p)
                {
                    problems.Add(p);
                }

                var texts = streams.MessageTexts;
                problems.AddRange(m.MessageContains.Where(f => !texts.Any(t => t.Contains(f, StringComparison.Ordinal)))
                    .Select(f => $"no job message contains \"{f}\" (messages: {(texts.Count == 0 ? "none" : string.Join(" | ", texts))})"));
                var warnings = streams.WarningTexts;
                problems.AddRange((m.WarningContains ?? []).Where(f => !warnings.Any(t => t.Contains(f, StringComparison.Ordinal)))
                    .Select(f => $"no JOB_MESSAGE_WARNING contains \"{f}\" (warnings: {(warnings.Count == 0 ? "none" : string.Join(" | ", warnings))})"));
                foreach (var (fragment, expected) in m.WarningCounts ?? new Dictionary<string, long>())
                {
                    var found = warnings.Count(t => t.Contains(fragment, StringComparison.Ordinal));
                    if (found != expected)
                    {
                        problems.Add($"{found} JOB_MESSAGE_WARNING(s) contain \"{fragment}\", expected {expected} (warnings: {(warnings.Count == 0 ? "none" : string.Join(" | ", warnings))})");
                    }
                }

                foreach (var (fragment, expected) in m.MessageCounts ?? new Dictionary<string, long>())
                {
                    var found = texts.Count(t => t.Contains(fragment, StringComparison.Ordinal));
                    if (found != expected)
                    {
                        problems.Add($"{found} job message(s) contain \"{fragment}\", expected {expected} (messages: {(texts.Count == 0 ? "none" : string.Join(" | ", texts))})");
                    }
                }

                return problems.Count == 0 ? null : string.Join("; ", problems);
            case JobApiStep.ExpectMetric metric:
                return await MetricAsync(metric, ct).ConfigureAwait(false);
            case JobApiStep.Call call:
                var status = await CallAsync(call.Method, call.JobId ?? jobId, ct).ConfigureAwait(false);
                return status == call.ExpectStatus ? null : $"{call.Method}({call.JobId ?? jobId}) returned {status}, expected {call.ExpectStatus}";
            case JobApiStep.ExpectPipeline:
                var returned = (await client.GetPipelineAsync(new GetJobPipelineRequest { JobId = jobId }, Options(ct)).ResponseAsync.ConfigureAwait(false)).Pipeline;
                var missing = submitted.Components.Transforms
                    .Where(t => returned?.Components?.Transforms.TryGetValue(t.Key, out var r) != true || r.Spec?.Urn != t.Value.Spec?.Urn)
                    .Select(t => $"{t.Key} ({t.Value.Spec?.Urn})").ToList();
                return missing.Count == 0 ? null : $"GetPipeline lacks (or changed the URN of) transforms: {string.Join(", ", missing)}";
            case JobApiStep.ExpectListed:
                var jobs = await client.GetJobsAsync(new GetJobsRequest(), Options(ct)).ResponseAsync.ConfigureAwait(false);
                return jobs.JobInfo.Any(j => j.JobId == jobId) ? null : $"GetJobs does not list job {jobId} ({jobs.JobInfo.Count} jobs listed)";
            default:
                return $"unsupported step {step.GetType().Name}";
        }
    }

    private async Task<string?> MetricAsync(JobApiStep.ExpectMetric m, CancellationToken ct)
    {
        var response = await client.GetJobMetricsAsync(new GetJobMetricsRequest { JobId = jobId }, Options(ct)).ResponseAsync.ConfigureAwait(false);
        var infos = m.Committed ? response.Metrics?.Committed : response.Metrics?.Attempted;
        var matching = (infos ?? []).Where(i => i.Urn == m.Urn
            && (m.PCollection is null || (i.Labels.TryGetValue("PCOLLECTION", out var pc) && pc == m.PCollection))
            && (m.Transform is null || (i.Labels.TryGetValue("PTRANSFORM", out var pt) && pt == m.Transform))
            && (m.Name is null || (i.Labels.TryGetValue("NAME", out var name) && name == m.Name))
            && (m.Namespace is null || (i.Labels.TryGetValue("NAMESPACE", out var ns) && ns == m.Namespace))).ToList();
        var kind = m.Committed ? "committed" : "attempted";
        if (matching.Count == 0)
        {
            return $"no {kind} metric {m.Urn} for pcollection={m.PCollection ?? "*"} transform={m.Transform ?? "*"} name={m.Name ?? "*"} namespace={m.Namespace ?? "*"} ({infos?.Count ?? 0} {kind} metrics returned)";
        }

        if (m.PayloadHex is { } hex)
        {
            var payloads = matching.Select(static i => Convert.ToHexStringLower(i.Payload.Span)).ToList();
            return payloads is [var only] && only == hex ? null : $"{kind} metric {m.Urn}: payload(s) [{string.Join(", ", payloads)}], expected exactly one, {hex}";
        }

        var value = matching.Sum(i => Varint(i.Payload));
        if (m.EqualTo is { } eq && value != eq)
        {
            return $"{kind} metric {m.Urn} is {value}, expected {eq}";
        }

        return m.AtLeast is { } least && value < least ? $"{kind} metric {m.Urn} is {value}, expected at least {least}" : null;
    }

    private async Task<string> CallAsync(string method, string id, CancellationToken ct)
    {
        try
        {
            switch (method)
            {
                case "GetState": await client.GetStateAsync(new GetJobStateRequest { JobId = id }, Options(ct)).ResponseAsync.ConfigureAwait(false); break;
                case "GetPipeline": await client.GetPipelineAsync(new GetJobPipelineRequest { JobId = id }, Options(ct)).ResponseAsync.ConfigureAwait(false); break;
                case "Cancel": await client.CancelAsync(new CancelJobRequest { JobId = id }, Options(ct)).ResponseAsync.ConfigureAwait(false); break;
                case "GetJobMetrics": await client.GetJobMetricsAsync(new GetJobMetricsRequest { JobId = id }, Options(ct)).ResponseAsync.ConfigureAwait(false); break;
                case "GetStateStream":
                    using (var call = client.GetStateStream(new GetJobStateRequest { JobId = id }, Options(ct)))
                    {
                        await call.ResponseStream.MoveNext(ct).ConfigureAwait(false);
                    }

                    break;
                case "GetMessageStream":
                    using (var call = client.GetMessageStream(new JobMessagesRequest { JobId = id }, Options(ct)))
                    {
                        await call.ResponseStream.MoveNext(ct).ConfigureAwait(false);
                    }

                    break;
                default: return $"(unknown method {method})";
            }

            return "OK";
        }
        catch (RpcException e)
        {
            return StatusNames.Of(e.StatusCode);
        }
    }

    private static string? Subsequence(IReadOnlyList<JobState> seen, IReadOnlyList<JobState> wanted, JobState? last, string what)
    {
        var at = 0;
        foreach (var s in seen)
        {
            if (at < wanted.Count && wanted[at] == s)
            {
                at++;
            }
        }

        var shown = seen.Count == 0 ? "nothing" : string.Join(" → ", seen);
        if (at < wanted.Count)
        {
            return $"the {what} ({shown}) does not hold {string.Join(" → ", wanted)} in order";
        }

        return last is { } l && (seen.Count == 0 || seen[^1] != l) ? $"the {what} ({shown}) does not end with {l}" : null;
    }

    private static long Varint(ByteString payload)
    {
        long result = 0;
        var shift = 0;
        foreach (var b in payload.Span)
        {
            result |= (long)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }

            shift += 7;
        }

        return result;
    }

    private TimeSpan Remaining() => deadline - DateTime.UtcNow is var r && r > TimeSpan.Zero ? r : TimeSpan.Zero;

    private CallOptions Options(CancellationToken ct) => new(deadline: deadline, cancellationToken: ct);

    private static string Name(JobApiStep step) => step.GetType().Name;
}
