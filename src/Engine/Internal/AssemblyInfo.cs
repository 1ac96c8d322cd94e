using System.Runtime.CompilerServices;

// The engine's tests check internal rules (pane tracking, trigger state machines) table by table.
[assembly: InternalsVisibleTo("BeamConformance.Engine.Tests")]
