namespace BeamConformance.FakeHarness;

/// <summary>One element the runner sent the harness on the data plane (<c>Elements.Data</c>).</summary>
/// <param name="PCollection">The PCollection id the data source (<c>beam:runner:source:v1</c>) outputs, as named in the descriptor.</param>
/// <param name="WindowedValue">The element's exact bytes as received, encoded by the port's coder (<c>RemoteGrpcPort.coder_id</c>, usually
/// <c>beam:coder:windowed_value:v1</c>), cut from the stream one nested value at a time.</param>
/// <param name="InstructionId">The bundle's instruction id.</param>
/// <param name="TransformId">The data source transform id.</param>
public sealed record RecordedDataElement(string PCollection, byte[] WindowedValue, string InstructionId, string TransformId);
