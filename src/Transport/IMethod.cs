namespace BeamConformance.Transport;

/// <summary>A gRPC method's description without its message types.</summary>
public interface IMethod
{
    /// <summary>The call shape.</summary>
    MethodType Type { get; }

    /// <summary>The fully qualified service name, e.g. <c>org.apache.beam.model.fn_execution.v1.BeamFnControl</c>.</summary>
    string ServiceName { get; }

    /// <summary>The method name within the service, e.g. <c>Control</c>.</summary>
    string Name { get; }

    /// <summary>The HTTP/2 path of the method: <c>/</c> + service name + <c>/</c> + method name.</summary>
    string FullName { get; }
}
