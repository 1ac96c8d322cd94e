using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>Creates a transform's operator for one bundle.</summary>
internal delegate Operator OperatorFactory(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs);

/// <summary>A transform of a descriptor, checked and with its payload compiled once.</summary>
/// <param name="Id">The transform id in the descriptor.</param>
/// <param name="Name">Its unique_name (the id when empty): what captures and failures are filed under.</param>
/// <param name="Transform">The proto.</param>
/// <param name="MainInputs">The PCollection ids of its main inputs (side inputs excluded).</param>
/// <param name="Create">Builds the operator.</param>
/// <param name="IsSource">True for a data source (<c>beam:runner:source:v1</c>).</param>
internal sealed record TransformNode(string Id, string Name, PTransform Transform, IReadOnlyList<string> MainInputs, OperatorFactory Create, bool IsSource);
