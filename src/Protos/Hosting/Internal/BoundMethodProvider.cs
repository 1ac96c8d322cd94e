using Grpc.AspNetCore.Server.Model;

namespace BeamConformance.Protos.Hosting.Internal;

/// <summary>Hands grpc-dotnet the methods bound on a <see cref="GrpcServer"/> (the code-first extension point of Grpc.AspNetCore).</summary>
internal sealed class BoundMethodProvider(IReadOnlyList<Action<ServiceMethodProviderContext<BoundMethods>>> registrations) : IServiceMethodProvider<BoundMethods>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<BoundMethods> context)
    {
        foreach (var register in registrations)
        {
            register(context);
        }
    }
}
