using System.Reflection;
using Microsoft.Extensions.Logging;

namespace BeamConformance.Conformance.Tests.Architecture;

/// <summary>
/// The <c>[LoggerMessage]</c> EventId blocks documented in src/ReferenceRunner/README.md ("Logging"): every log
/// method of every src/ assembly has an id inside its component's block, and no two share an id.
/// </summary>
public sealed class LogEventIdTests
{
    // (namespace prefix, first id, last id): one block per component.
    private static readonly (string Namespace, int First, int Last)[] Blocks =
    [
        ("BeamConformance.ReferenceRunner.Jobs", 1000, 1099),
        ("BeamConformance.ReferenceRunner.FnApi", 1100, 1199),
        ("BeamConformance.ReferenceRunner.Execution", 1200, 1299),
        ("BeamConformance.ReferenceRunner.Environments", 1300, 1399),
        ("BeamConformance.ReferenceRunner.Hosting", 1400, 1499),
        ("BeamConformance.ReferenceRunner.Translation", 1500, 1599),
        ("BeamConformance.ReferenceRunner.Workers", 1600, 1699),
        ("BeamConformance.ReferenceRunner.Artifacts", 1700, 1799),
        ("BeamConformance.ReferenceRunner.Provision", 1800, 1899),
        ("BeamConformance.FakeHarness", 2000, 2099),
        ("BeamConformance.Conformance", 3000, 3099),
    ];

    private static readonly Assembly[] Assemblies =
    [
        typeof(Model.BeamTime).Assembly,
        typeof(Protos.Hosting.GrpcServer).Assembly,
        typeof(Engine.JobEngine).Assembly,
        typeof(ReferenceRunner.Hosting.ReferenceRunnerServer).Assembly,
        typeof(FakeHarness.FakeHarnessWorkerPool).Assembly,
        typeof(Running.SuiteHost).Assembly,
    ];

    [Fact]
    public void Every_log_message_has_an_id_in_its_component_s_block_and_no_two_share_one()
    {
        var messages = LogMethods().ToList();

        Assert.NotEmpty(messages);
        Assert.All(messages, m =>
        {
            var block = Blocks.Where(b => m.Namespace.StartsWith(b.Namespace, StringComparison.Ordinal)).ToList();
            Assert.True(block.Count == 1, $"{m.Name} (namespace {m.Namespace}) belongs to no EventId block: add one to src/ReferenceRunner/README.md and to this test");
            Assert.InRange(m.EventId, block[0].First, block[0].Last);
        });
        var shared = messages.GroupBy(static m => m.EventId).Where(static g => g.Count() > 1).Select(static g => $"{g.Key}: {string.Join(", ", g.Select(static m => m.Name))}");
        Assert.Empty(shared);
    }

    private static IEnumerable<(string Name, string Namespace, int EventId)> LogMethods() =>
        from assembly in Assemblies
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
        where attribute is not null
        select ($"{type.FullName}.{method.Name}", type.Namespace ?? "", attribute.EventId);
}
