using Grpc.Core;

namespace BeamConformance.Conformance.Running.Internal;

/// <summary>
/// One readable line for a runner that broke a scenario rather than failing it: a refused or dropped call
/// (UNAVAILABLE: the runner died or never listened), no answer within the deadline (it hangs), or an answer the
/// suite could not read (not a Beam Job API).
/// </summary>
internal static class RunnerFailure
{
    /// <summary>The reason as one line: grpc-dotnet's status details for a failed connection can span several lines.</summary>
    public static string Describe(Exception error, string step, TimeSpan limit) =>
        string.Join(' ', DescribeLines(error, step, limit).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string DescribeLines(Exception error, string step, TimeSpan limit)
    {
        var ms = $"{limit.TotalMilliseconds:F0} ms";
        return error switch
        {
            RpcException { StatusCode: StatusCode.DeadlineExceeded } =>
                $"the runner did not answer {step} within the deadline of {ms} (it hangs or is overloaded): DEADLINE_EXCEEDED",
            RpcException { StatusCode: StatusCode.Unavailable } e =>
                $"the runner could not be reached during {step} (it died, or nothing listens at the endpoint): UNAVAILABLE: {e.Status.Detail}",
            RpcException e =>
                $"the runner ended {step} with {StatusNames.Of(e.StatusCode)}: {e.Status.Detail}",
            OperationCanceledException or TimeoutException =>
                $"the scenario did not finish within its deadline of {ms}; it was abandoned during {step}",
            _ =>
                $"the runner's answer to {step} could not be read (is this a Beam job endpoint?): {error.GetType().Name}: {error.Message}",
        };
    }
}
