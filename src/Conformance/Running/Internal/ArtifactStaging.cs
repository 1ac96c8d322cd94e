using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Org.Apache.Beam.Model.JobManagement.V1;

namespace BeamConformance.Conformance.Running.Internal;

/// <summary>
/// The SDK side of beam_artifact_api.proto ArtifactStagingService.ReverseArtifactRetrievalService for a pipeline with
/// no artifacts: send the staging token, answer resolve requests with the same (empty) artifact list, and complete once
/// the runner ends the stream.
/// </summary>
internal static class ArtifactStaging
{
    /// <summary>Stages nothing; returns a problem text, or null when the exchange completed.</summary>
    public static async Task<string?> StageNothingAsync(string endpoint, string token, CallOptions options)
    {
        using var channel = GrpcChannels.ForEndpoint(endpoint);
        var client = new ArtifactStagingService.ArtifactStagingServiceClient(channel.CreateCallInvoker());
        try
        {
            using var call = client.ReverseArtifactRetrievalService(options);
            await call.RequestStream.WriteAsync(new ArtifactResponseWrapper { StagingToken = token }).ConfigureAwait(false);
            while (await call.ResponseStream.MoveNext(options.CancellationToken).ConfigureAwait(false))
            {
                var request = call.ResponseStream.Current;
                if (request.ResolveArtifact is { } resolve)
                {
                    var response = new ResolveArtifactsResponse();
                    response.Replacements.Add(resolve.Artifacts);
                    await call.RequestStream.WriteAsync(new ArtifactResponseWrapper { ResolveArtifactResponse = response }).ConfigureAwait(false);
                }
                else if (request.GetArtifact is not null)
                {
                    await call.RequestStream.WriteAsync(new ArtifactResponseWrapper { GetArtifactResponse = new GetArtifactResponse(), IsLast = true }).ConfigureAwait(false);
                }
            }

            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            return null;
        }
        catch (RpcException e)
        {
            return $"artifact staging failed with {StatusNames.Of(e.StatusCode)}: {e.Status.Detail}";
        }
    }
}
