using System.CommandLine;
using BeamConformance.Conformance.Coders;
using BeamConformance.Conformance.Running;

// The BeamConformance CLI. Each command family adds itself with one line.
var root = new RootCommand("BeamConformance: checks Beam portable runners against the Beam portability protocols");
root.Subcommands.Add(CodersCommand.Create());
root.Subcommands.Add(RunCommand.Create());
return root.Parse(args).Invoke();
