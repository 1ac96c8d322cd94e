using BeamConformance.Model;
using Org.Apache.Beam.Model.Pipeline.V1;
using Environment = Org.Apache.Beam.Model.Pipeline.V1.Environment;

namespace BeamConformance.ReferenceRunner.Environments.Internal;

/// <summary>
/// Which environments the runner can start workers for: the one place that decides it, asked at Prepare by the
/// translation's validator (every environment a transform names) and by the launcher when it starts a worker.
/// </summary>
internal static class EnvironmentSupport
{
    /// <summary>Null when a worker can be started for the environment, else why not.</summary>
    public static string? WhyUnsupported(Environment environment, bool allowProcess)
    {
        switch (environment.Urn)
        {
            case Urns.Environments.External:
                return Parse(ExternalPayload.Parser, environment) is { Endpoint.Url.Length: > 0 }
                    ? null
                    : "the ExternalPayload has no endpoint url (the worker pool's address)";
            case Urns.Environments.Process:
                if (!allowProcess)
                {
                    return "PROCESS environments are refused unless the runner is started with --allow-process-environment (the pipeline names the command to run)";
                }

                return Parse(ProcessPayload.Parser, environment) is { Command.Length: > 0 } ? null : "the ProcessPayload has no command";
            case Urns.Environments.AnyOf:
                var choices = Parse(AnyOfEnvironmentPayload.Parser, environment)?.Environments;
                if (choices is null || choices.Count == 0)
                {
                    return "the AnyOfEnvironmentPayload lists no environments";
                }

                return choices.Any(c => WhyUnsupported(c, allowProcess) is null)
                    ? null
                    : "none of its choices is supported (" + string.Join("; ", choices.Select(c => $"{c.Urn}: {WhyUnsupported(c, allowProcess)}")) + ")";
            case Urns.Environments.Docker:
                return "DOCKER environments are not supported yet; use EXTERNAL (the SDK's LOOPBACK mode) or PROCESS";
            default:
                return "unknown environment type; supported: beam:env:external:v1, beam:env:process:v1 (with --allow-process-environment), beam:env:anyof:v1";
        }
    }

    /// <summary>The environment a worker is started for: itself, or an AnyOf's first supported choice.</summary>
    public static Environment Choose(Environment environment, bool allowProcess)
    {
        if (environment.Urn == Urns.Environments.AnyOf)
        {
            var choices = Parse(AnyOfEnvironmentPayload.Parser, environment)?.Environments ?? [];
            var chosen = choices.FirstOrDefault(c => WhyUnsupported(c, allowProcess) is null);
            return chosen is null ? environment : Choose(chosen, allowProcess);
        }

        return environment;
    }

    private static T? Parse<T>(Google.Protobuf.MessageParser<T> parser, Environment environment)
        where T : class, Google.Protobuf.IMessage<T>
    {
        try
        {
            return parser.ParseFrom(environment.Payload);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
