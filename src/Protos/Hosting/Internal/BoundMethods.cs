namespace BeamConformance.Protos.Hosting.Internal;

/// <summary>
/// The one grpc-dotnet "service" of a <see cref="GrpcServer"/>: every method bound on the server is mapped as a
/// method of this type (see <see cref="BoundMethodProvider"/>), its handler a delegate that ignores the instance.
/// </summary>
internal sealed class BoundMethods
{
}
