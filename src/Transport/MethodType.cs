namespace BeamConformance.Transport;

/// <summary>The four gRPC call shapes.</summary>
public enum MethodType
{
    /// <summary>One request message, one response message.</summary>
    Unary,

    /// <summary>A stream of request messages, one response message.</summary>
    ClientStreaming,

    /// <summary>One request message, a stream of response messages.</summary>
    ServerStreaming,

    /// <summary>Independent request and response streams, both open at once (full duplex).</summary>
    DuplexStreaming,
}
