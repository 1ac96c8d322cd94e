namespace BeamConformance.Transport;

/// <summary>
/// A gRPC method: its shape, its path (<c>/package.Service/Method</c>) and how its request and response
/// messages are turned into bytes. Declare each method once and share it between server and client.
/// </summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class Method<TRequest, TResponse> : IMethod
{
    /// <summary>Creates a method description.</summary>
    /// <param name="type">The call shape.</param>
    /// <param name="serviceName">The fully qualified service name (<c>package.Service</c>).</param>
    /// <param name="name">The method name.</param>
    /// <param name="requestMarshaller">Serializes and parses request messages.</param>
    /// <param name="responseMarshaller">Serializes and parses response messages.</param>
    /// <exception cref="ArgumentException">A name is empty or contains <c>/</c>.</exception>
    public Method(
        MethodType type,
        string serviceName,
        string name,
        Marshaller<TRequest> requestMarshaller,
        Marshaller<TResponse> responseMarshaller)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(requestMarshaller);
        ArgumentNullException.ThrowIfNull(responseMarshaller);
        if (serviceName.Contains('/', StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"gRPC service and method names may not contain '/': '{serviceName}', '{name}'.");
        }

        Type = type;
        ServiceName = serviceName;
        Name = name;
        FullName = "/" + serviceName + "/" + name;
        RequestMarshaller = requestMarshaller;
        ResponseMarshaller = responseMarshaller;
    }

    /// <inheritdoc />
    public MethodType Type { get; }

    /// <inheritdoc />
    public string ServiceName { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string FullName { get; }

    /// <summary>Serializes and parses request messages.</summary>
    public Marshaller<TRequest> RequestMarshaller { get; }

    /// <summary>Serializes and parses response messages.</summary>
    public Marshaller<TResponse> ResponseMarshaller { get; }
}
