using Grpc.Core;

namespace BeamConformance.GrpcInterop.Tests.Interop;

/// <summary>The interop.Echo service's methods (raw bytes), as described in interop/grpc/README.md.</summary>
internal static class EchoMethods
{
    public const string Service = "interop.Echo";

    /// <summary>The status message StreamThenFail ends with: non-ASCII and multi-line.</summary>
    public const string StreamError = "stream failed ✗\nsecond line";

    /// <summary>A NOT_FOUND detail with non-ASCII letters, '%' and a line break.</summary>
    public const string NonAscii = "Žluťoučký kůň 100%\nsecond line ✓";

    /// <summary>Raw bytes as they are.</summary>
    public static readonly Marshaller<byte[]> BytesMarshaller = Marshallers.Create(static b => b, static b => b);

    public static readonly Method<byte[], byte[]> Unary = Make(MethodType.Unary, "Unary");
    public static readonly Method<byte[], byte[]> Fail = Make(MethodType.Unary, "Fail");
    public static readonly Method<byte[], byte[]> Slow = Make(MethodType.Unary, "Slow");
    public static readonly Method<byte[], byte[]> Size = Make(MethodType.Unary, "Size");
    public static readonly Method<byte[], byte[]> StreamThenFail = Make(MethodType.ServerStreaming, "StreamThenFail");
    public static readonly Method<byte[], byte[]> Endless = Make(MethodType.ServerStreaming, "Endless");
    public static readonly Method<byte[], byte[]> WasCancelled = Make(MethodType.Unary, "WasCancelled");
    public static readonly Method<byte[], byte[]> Collect = Make(MethodType.ClientStreaming, "Collect");
    public static readonly Method<byte[], byte[]> Bidi = Make(MethodType.DuplexStreaming, "Bidi");
    public static readonly Method<byte[], byte[]> Nope = Make(MethodType.Unary, "Nope");

    /// <summary>Every interop scenario, as named by interop/grpc/client.js and client.py.</summary>
    public static readonly string[] Scenarios =
    [
        "metadata", "not_found", "deadline", "stream_error", "client_stream", "bidi_pingpong", "bidi_2000",
        "cancel", "unimplemented", "too_large_request", "too_large_response", "concurrent_300", "idle_bidi",
    ];

    private static Method<byte[], byte[]> Make(MethodType type, string name) => new(type, Service, name, BytesMarshaller, BytesMarshaller);
}
