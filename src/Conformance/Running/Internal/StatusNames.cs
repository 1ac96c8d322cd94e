using System.Text;
using BeamConformance.Conformance.Scenarios;
using Grpc.Core;
using ProtoJobState = Org.Apache.Beam.Model.JobManagement.V1.JobState.Types.Enum;

namespace BeamConformance.Conformance.Running.Internal;

/// <summary>gRPC status code names (<c>INVALID_ARGUMENT</c>) and job state conversions.</summary>
internal static class StatusNames
{
    /// <summary>The canonical gRPC name of a status code, e.g. <c>NOT_FOUND</c>.</summary>
    public static string Of(StatusCode code)
    {
        var text = code.ToString();
        if (text == "OK")
        {
            return text;
        }

        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0 && char.IsUpper(text[i]))
            {
                sb.Append('_');
            }

            sb.Append(char.ToUpperInvariant(text[i]));
        }

        return sb.ToString();
    }

    /// <summary>The scenario job state of a proto job state; null for UNSPECIFIED.</summary>
    public static JobState? Of(ProtoJobState state) => Enum.TryParse<JobState>(state.ToString(), out var s) ? s : null;

    /// <summary>Whether the job can no longer change state.</summary>
    public static bool IsTerminal(JobState? state) =>
        state is JobState.Done or JobState.Failed or JobState.Cancelled or JobState.Updated or JobState.Drained;
}
