namespace BeamConformance.Model;

/// <summary>
/// When a pane fired relative to the watermark (Java <c>PaneInfo.Timing</c>). The numeric values are the
/// ordinals the pane encoding puts in bits 2-3 of its first byte.
/// </summary>
public enum PaneTiming
{
    /// <summary>Fired before the watermark passed the end of the window.</summary>
    Early = 0,
    /// <summary>The pane fired when the watermark passed the end of the window.</summary>
    OnTime = 1,
    /// <summary>Fired after the watermark passed the end of the window.</summary>
    Late = 2,
    /// <summary>Not known: the pane of an element that did not come from a trigger firing.</summary>
    Unknown = 3,
}
