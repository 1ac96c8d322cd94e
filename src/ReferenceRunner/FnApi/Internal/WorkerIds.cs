using Grpc.Core;

namespace BeamConformance.ReferenceRunner.FnApi.Internal;

/// <summary>Reads the <c>worker_id</c> request metadata every SDK worker sends on its Fn API streams.</summary>
internal static class WorkerIds
{
    public const string MetadataKey = "worker_id";

    public static string? Find(ServerCallContext context) => context.RequestHeaders.GetValue(MetadataKey);

    /// <exception cref="RpcException">INVALID_ARGUMENT when the metadata is missing.</exception>
    public static string Require(ServerCallContext context) =>
        Find(context) is { Length: > 0 } id
            ? id
            : throw new RpcException(new Status(StatusCode.InvalidArgument, $"{context.Method}: the request has no '{MetadataKey}' metadata; the runner routes Fn API streams by it"));
}
