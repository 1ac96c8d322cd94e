using BeamConformance.FakeHarness.Internal.Operators;
using BeamConformance.Model.Coders;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>
/// A ProcessBundleDescriptor checked and compiled once: its run id, coders, and its leaf transforms in topological
/// order (producers before consumers) with their operator factories. <see cref="Instantiate"/> wires fresh
/// operators for one bundle.
/// </summary>
internal sealed class StagePlan
{
    private StagePlan(ProcessBundleDescriptor descriptor, string runId, DescriptorCoders coders, IReadOnlyList<TransformNode> nodes)
    {
        Descriptor = descriptor;
        RunId = runId;
        Coders = coders;
        Nodes = nodes;
        Misanswers = Faults.Misanswer.Of(descriptor);
    }

    public ProcessBundleDescriptor Descriptor { get; }

    public string RunId { get; }

    public DescriptorCoders Coders { get; }

    /// <summary>The kinds of the stage's <c>misanswer</c> transforms (<see cref="Faults.Misanswer"/>); empty for an honest stage.</summary>
    public IReadOnlySet<string> Misanswers { get; }

    /// <summary>The transforms, producers first.</summary>
    public IReadOnlyList<TransformNode> Nodes { get; }

    /// <exception cref="HarnessException">A transform the harness cannot run, a bad payload, a missing coder, or a cycle.</exception>
    public static StagePlan Build(ProcessBundleDescriptor descriptor, string runId)
    {
        var coders = new DescriptorCoders(descriptor);
        var nodes = new List<TransformNode>();
        foreach (var (id, transform) in descriptor.Transforms.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (transform.Subtransforms.Count > 0)
            {
                continue;
            }

            nodes.Add(OperatorFactories.Compile(id, transform, descriptor, coders));
        }

        return new StagePlan(descriptor, runId, coders, Sort(nodes, descriptor.Id));
    }

    /// <summary>Creates the bundle's operators (in topological order) and the output port of every PCollection they produce.</summary>
    public (IReadOnlyList<Operator> Operators, IReadOnlyList<OutputPort> Ports) Instantiate(BundleContext context)
    {
        var ports = new Dictionary<string, OutputPort>(StringComparer.Ordinal);
        OutputPort PortFor(string pcollection)
        {
            if (!ports.TryGetValue(pcollection, out var port))
            {
                port = new OutputPort(pcollection, Coders.OfPCollection(pcollection));
                ports[pcollection] = port;
            }

            return port;
        }

        var operators = new List<Operator>(Nodes.Count);
        foreach (var node in Nodes)
        {
            var outputs = node.Transform.Outputs.ToDictionary(o => o.Key, o => PortFor(o.Value), StringComparer.Ordinal);
            operators.Add(node.Create(node, context, outputs));
        }

        foreach (var op in operators)
        {
            foreach (var input in op.Node.MainInputs)
            {
                PortFor(input).AddConsumer(op);
            }
        }

        return (operators, ports.Values.ToArray());
    }

    private static List<TransformNode> Sort(List<TransformNode> nodes, string descriptorId)
    {
        var producer = new Dictionary<string, TransformNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var output in node.Transform.Outputs.Values)
            {
                producer[output] = node;
            }
        }

        var sorted = new List<TransformNode>(nodes.Count);
        var state = new Dictionary<TransformNode, int>();
        void Visit(TransformNode node)
        {
            switch (state.GetValueOrDefault(node))
            {
                case 2:
                    return;
                case 1:
                    throw new HarnessException($"descriptor '{descriptorId}' has a cycle through transform '{node.Id}'");
            }

            state[node] = 1;
            foreach (var input in node.MainInputs)
            {
                if (producer.TryGetValue(input, out var upstream))
                {
                    Visit(upstream);
                }
            }

            state[node] = 2;
            sorted.Add(node);
        }

        foreach (var node in nodes)
        {
            Visit(node);
        }

        return sorted;
    }
}
