namespace BeamConformance.FakeHarness;

/// <summary>One timer on a bundle's timer endpoint (<c>Elements.Timers</c>), as exact <c>beam:coder:timer:v1</c> bytes.</summary>
/// <param name="ToHarness">True: the runner fired it (runner → harness); false: the harness set or cleared it (harness → runner).</param>
/// <param name="TransformId">The ParDo's transform id.</param>
/// <param name="FamilyId">The timer family id.</param>
/// <param name="Timer">The one timer's encoding: key, dynamic tag, windows, clear bit, fire and hold timestamps, pane.</param>
/// <param name="InstructionId">The bundle.</param>
public sealed record RecordedTimer(bool ToHarness, string TransformId, string FamilyId, byte[] Timer, string InstructionId);
