using System.Text;
using BeamConformance.Model;

namespace BeamConformance.Engine.Internal;

/// <summary>The readable dump of every stage, for stuck jobs and diagnostics.</summary>
internal sealed partial class EngineCore
{
    public string Dump(string headline)
    {
        var text = new StringBuilder();
        text.Append("ReferenceRunner bug: ").Append(headline).Append('\n');
        text.Append("mode=").Append(Mode).Append(", status=").Append(Status).Append(", bundles in flight=").Append(_inFlight.Count).Append('\n');
        foreach (var stage in _stages)
        {
            text.Append("stage '").Append(stage.Id).Append("' (").Append(stage.Spec.Kind).Append("): ")
                .Append("input watermark=").Append(BeamTime.Format(stage.InputWatermark))
                .Append(", output watermark=").Append(BeamTime.Format(stage.OutputWatermark))
                .Append(", pending elements=").Append(stage.PendingCount)
                .Append(", holds=[").Append(stage.Holds.Describe()).Append(']');
            var extra = stage.Describe(this);
            if (extra.Length > 0)
            {
                text.Append(", ").Append(extra);
            }

            text.Append('\n');
            foreach (var output in stage.Spec.Outputs)
            {
                text.Append("  pcollection '").Append(output).Append("': watermark=").Append(BeamTime.Format(stage.OutputWatermark))
                    .Append(", committed elements=").Append(_committed[output]).Append('\n');
            }
        }

        return text.ToString();
    }
}
