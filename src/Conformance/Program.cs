using System.CommandLine;
using BeamConformance.Conformance.Coders;

// The BeamConformance CLI. Each command family adds itself with one line.
var root = new RootCommand("BeamConformance: checks Beam portable runners against the Beam portability protocols");
root.Subcommands.Add(CodersCommand.Create());
return root.Parse(args).Invoke();
