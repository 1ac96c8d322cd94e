namespace BeamConformance.Conformance.Scenarios;

/// <summary>A side input of <c>beamconformance:transform:read_side_inputs:v1</c>.</summary>
/// <param name="Name">Its local name; also the output tag its observations go to.</param>
/// <param name="PCollection">The side PCollection id.</param>
/// <param name="View">How it is read.</param>
/// <param name="Default">For a singleton view: the value when empty; null when none.</param>
/// <param name="HasDefault">Whether <paramref name="Default"/> was given.</param>
public sealed record SideInputSpec(string Name, string PCollection, SideInputView View, object? Default, bool HasDefault);
