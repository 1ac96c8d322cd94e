using System.Text;
using Grpc.Core;

namespace BeamConformance.GrpcInterop.Tests;

/// <summary>Methods of a small test service carrying UTF-8 strings.</summary>
internal static class TestMethods
{
    public const string Service = "test.Echo";

    public static readonly Marshaller<string> Utf8 = Marshallers.Create(s => Encoding.UTF8.GetBytes(s), b => Encoding.UTF8.GetString(b));

    public static readonly Method<string, string> Unary = new(MethodType.Unary, Service, "Unary", Utf8, Utf8);
    public static readonly Method<string, string> ServerStream = new(MethodType.ServerStreaming, Service, "ServerStream", Utf8, Utf8);
    public static readonly Method<string, string> ClientStream = new(MethodType.ClientStreaming, Service, "ClientStream", Utf8, Utf8);
    public static readonly Method<string, string> Duplex = new(MethodType.DuplexStreaming, Service, "Duplex", Utf8, Utf8);
    public static readonly Method<string, string> Missing = new(MethodType.Unary, Service, "Missing", Utf8, Utf8);
    public static readonly Method<string, string> MissingService = new(MethodType.Unary, "test.Nowhere", "Unary", Utf8, Utf8);
}
