using System.Text;
using Grpc.Core;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Status = Grpc.Core.Status;

namespace BeamConformance.ReferenceRunner.Hosting.Internal;

/// <summary>
/// Errors that always reach the client: the one place the runner builds a status with a list of problems.
/// The status message (<c>grpc-message</c>) is capped at <see cref="MaxMessageBytes"/> as sent on the wire (the
/// first problems, then <c>... and N more</c>); the <c>grpc-status-details-bin</c> trailer carries a
/// <c>google.rpc.Status</c> (code, the same message, and a <c>google.rpc.BadRequest</c> with one field violation
/// per problem, as many as fit) so that both stay under the 8 KiB header block Python grpcio accepts by default
/// (trailers travel in HTTP/2 headers; past the limit grpcio reports RESOURCE_EXHAUSTED and grpc-js may hang).
/// See <c>google/rpc/status.proto</c> and <c>google/rpc/error_details.proto</c>.
/// </summary>
internal static class StatusDetails
{
    /// <summary>The trailer carrying the serialized <c>google.rpc.Status</c>.</summary>
    public const string TrailerKey = "grpc-status-details-bin";

    /// <summary>Most bytes of <c>grpc-message</c> as sent (UTF-8, percent-encoded): 2,048.</summary>
    public const int MaxMessageBytes = 2048;

    /// <summary>Most bytes of the message plus the base64 details trailer: 7,000 (the rest of 8 KiB is for other headers).</summary>
    public const int MaxTrailerBytes = 7000;

    /// <summary>
    /// An INVALID_ARGUMENT <see cref="RpcException"/>: <paramref name="summary"/>, then one line <c>- field: description</c>
    /// per violation while the message stays under <see cref="MaxMessageBytes"/>, then <c>... and N more</c>; the
    /// details trailer lists the violations that fit in <see cref="MaxTrailerBytes"/> and, when some did not, a last
    /// violation with field <c>...</c> saying how many more there are.
    /// </summary>
    /// <param name="summary">The first line, e.g. <c>pipeline not supported by the ReferenceRunner (3 problems):</c>.</param>
    /// <param name="violations">Every problem: field (what is at fault) and description.</param>
    public static RpcException InvalidArgument(string summary, IReadOnlyList<(string Field, string Description)> violations)
    {
        var message = CappedMessage(summary, violations.Select(static v => $"- {v.Field}: {v.Description}").ToList());
        var budget = MaxTrailerBytes - WireLength(message);
        var detail = new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = message };
        var request = new BadRequest();
        var fits = 0;
        foreach (var (field, description) in violations)
        {
            request.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
            if (Base64Length(detail.CalculateSize() + Any.Pack(request).CalculateSize() + 8) > budget)
            {
                request.FieldViolations.RemoveAt(request.FieldViolations.Count - 1);
                break;
            }

            fits++;
        }

        if (fits < violations.Count)
        {
            // Room for the marker: drop more violations until it fits too.
            var more = new BadRequest.Types.FieldViolation { Field = "...", Description = "" };
            request.FieldViolations.Add(more);
            do
            {
                more.Description = $"and {violations.Count - fits} more (not sent: the details must fit in the response headers)";
                if (Base64Length(detail.CalculateSize() + Any.Pack(request).CalculateSize() + 8) <= budget || fits == 0)
                {
                    break;
                }

                request.FieldViolations.RemoveAt(--fits);
            }
            while (true);
        }

        detail.Details.Add(Any.Pack(request));
        var trailers = new Metadata { { TrailerKey, detail.ToByteArray() } };
        return new RpcException(new Status(StatusCode.InvalidArgument, message), trailers);
    }

    /// <summary><paramref name="message"/> itself when it fits in <see cref="MaxMessageBytes"/> on the wire, else its start and <c>...</c>.</summary>
    public static string Cap(string message) =>
        message.Length * 3 <= MaxMessageBytes || WireLength(message) <= MaxMessageBytes ? message : CappedMessage(message, []);

    /// <summary>
    /// <paramref name="summary"/> and as many of <paramref name="lines"/> as keep it under <see cref="MaxMessageBytes"/> on
    /// the wire, then <c>... and N more</c>. A summary alone over the cap is cut.
    /// </summary>
    public static string CappedMessage(string summary, IReadOnlyList<string> lines)
    {
        const int Reserve = 64; // For the "... and N more" line.
        var text = new StringBuilder(Cut(summary, MaxMessageBytes - Reserve));
        var used = WireLength(text.ToString());
        for (var i = 0; i < lines.Count; i++)
        {
            var line = "\n" + lines[i];
            var length = WireLength(line);
            if (used + length > MaxMessageBytes - Reserve)
            {
                text.Append("\n... and ").Append(lines.Count - i).Append(" more");
                break;
            }

            text.Append(line);
            used += length;
        }

        return text.ToString();
    }

    // The bytes of grpc-message: UTF-8, with every byte outside printable ASCII (and '%') sent as %XX.
    private static int WireLength(string text)
    {
        var length = 0;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            length += b is >= 0x20 and <= 0x7e and not (byte)'%' ? 1 : 3;
        }

        return length;
    }

    private static int Base64Length(int bytes) => (bytes + 2) / 3 * 4;

    private static string Cut(string text, int maxWireBytes)
    {
        if (WireLength(text) <= maxWireBytes)
        {
            return text;
        }

        var length = text.Length;
        while (length > 0 && WireLength(text[..length]) > maxWireBytes - 3)
        {
            length = Math.Max(0, Math.Min(length - 1, length * maxWireBytes / Math.Max(1, WireLength(text[..length])) - 1));
        }

        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length] + "...";
    }
}
