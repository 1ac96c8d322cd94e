namespace BeamConformance.Model.Windowing;

/// <summary>
/// A trigger tree: when a GroupByKey emits panes for a key and window (<c>beam_runner_api.proto</c>
/// <c>Trigger</c>, one nested record per kind of its <c>trigger</c> oneof). Equality is structural, lists
/// included.
/// </summary>
public abstract record Trigger
{
    private Trigger() { }

    /// <summary>The shared <see cref="Default"/> instance.</summary>
    public static Trigger DefaultTrigger { get; } = new Default();

    /// <summary>The triggers directly under this one (empty for leaves).</summary>
    public abstract IReadOnlyList<Trigger> Children { get; }

    /// <summary><c>Trigger.Default</c>: <c>Repeatedly(AfterWatermark)</c>, an ON_TIME pane then one LATE pane per late firing.</summary>
    public sealed record Default : Trigger
    {
        /// <inheritdoc />
        public override IReadOnlyList<Trigger> Children => [];

        /// <inheritdoc />
        public override string ToString() => "Default";
    }

    /// <summary><c>Trigger.Never</c>: never fires; only garbage collection emits the final pane.</summary>
    public sealed record Never : Trigger
    {
        /// <inheritdoc />
        public override IReadOnlyList<Trigger> Children => [];

        /// <inheritdoc />
        public override string ToString() => "Never";
    }

    /// <summary><c>Trigger.Always</c>: fires for every element (<c>Repeatedly(ElementCount(1))</c>).</summary>
    public sealed record Always : Trigger
    {
        /// <inheritdoc />
        public override IReadOnlyList<Trigger> Children => [];

        /// <inheritdoc />
        public override string ToString() => "Always";
    }

    /// <summary>
    /// <c>Trigger.AfterSynchronizedProcessingTime</c>: fires once the synchronized processing time passes the
    /// processing time of the first element (the continuation of <see cref="AfterProcessingTime"/> downstream of a GroupByKey).
    /// </summary>
    public sealed record AfterSynchronizedProcessingTime : Trigger
    {
        /// <inheritdoc />
        public override IReadOnlyList<Trigger> Children => [];

        /// <inheritdoc />
        public override string ToString() => "AfterSynchronizedProcessingTime";
    }

    /// <summary><c>Trigger.ElementCount</c>: fires once the window has at least <paramref name="Count"/> elements.</summary>
    /// <param name="Count">Elements needed to fire; at least 1 is meaningful (0 or less fires on the first element, as in Java).</param>
    public sealed record ElementCount(int Count) : Trigger
    {
        /// <inheritdoc />
        public override IReadOnlyList<Trigger> Children => [];

        /// <inheritdoc />
        public override string ToString() => $"ElementCount({Count})";
    }

    /// <summary>
    /// <c>Trigger.AfterEndOfWindow</c> (Java <c>AfterWatermark.pastEndOfWindow()</c>): fires when the input watermark
    /// passes the end of the window, with optional early firings before and late firings after.
    /// </summary>
    /// <param name="Early">The early firings' trigger, or null for none.</param>
    /// <param name="Late">The late firings' trigger, or null: the trigger then finishes with the ON_TIME pane.</param>
    public sealed record AfterWatermark(Trigger? Early, Trigger? Late) : Trigger
    {
        /// <inheritdoc />
        public override IReadOnlyList<Trigger> Children => (Early, Late) switch
        {
            (null, null) => [],
            (null, { } late) => [late],
            ({ } early, null) => [early],
            ({ } early, { } late) => [early, late],
        };

        /// <inheritdoc />
        public override string ToString() => $"AfterWatermark(early={Early?.ToString() ?? "none"}, late={Late?.ToString() ?? "none"})";
    }

    /// <summary>
    /// <c>Trigger.AfterProcessingTime</c>: fires once processing time reaches the processing time of the window's
    /// first element transformed by <paramref name="Transforms"/> in order.
    /// </summary>
    /// <param name="Transforms">Delays and alignments, applied in order (empty: fire at the first element's processing time).</param>
    public sealed record AfterProcessingTime(IReadOnlyList<TimestampTransform> Transforms) : Trigger
    {
        /// <inheritdoc />
        public override IReadOnlyList<Trigger> Children => [];

        /// <summary>The processing time (ms) at which the trigger fires, given its first element's processing time.</summary>
        public long FireTime(long firstElementProcessingTimeMillis)
        {
            var time = firstElementProcessingTimeMillis;
            foreach (var transform in Transforms)
            {
                time = transform.Apply(time);
            }

            return time;
        }

        /// <summary>Equal when the transforms are equal in order.</summary>
        public bool Equals(AfterProcessingTime? other) => other is not null && Transforms.SequenceEqual(other.Transforms);

        /// <inheritdoc />
        public override int GetHashCode() => Transforms.Count;

        /// <inheritdoc />
        public override string ToString() => $"AfterProcessingTime({string.Join(", ", Transforms)})";
    }

    /// <summary>A trigger made of a list of subtriggers (AfterAll, AfterAny, AfterEach); equal when of the same kind with equal subtriggers in order.</summary>
    public abstract record Composite : Trigger
    {
        private protected Composite(IReadOnlyList<Trigger> subtriggers) => Subtriggers = subtriggers;

        /// <summary>The subtriggers, in the order of the definition.</summary>
        public IReadOnlyList<Trigger> Subtriggers { get; }

        /// <inheritdoc />
        public override IReadOnlyList<Trigger> Children => Subtriggers;

        /// <summary>Equal when of the same kind with equal subtriggers in order.</summary>
        public virtual bool Equals(Composite? other) => other is not null && EqualityContract == other.EqualityContract && Subtriggers.SequenceEqual(other.Subtriggers);

        /// <inheritdoc />
        public override int GetHashCode() => HashCode.Combine(EqualityContract, Subtriggers.Count);

        /// <inheritdoc />
        public override string ToString() => $"{GetType().Name}({string.Join(", ", Subtriggers)})";
    }

    /// <summary><c>Trigger.AfterAll</c>: fires once every subtrigger has fired, then finishes.</summary>
    public sealed record AfterAll : Composite
    {
        /// <summary>Creates the trigger.</summary>
        /// <param name="subtriggers">The subtriggers in order (at least one).</param>
        public AfterAll(IReadOnlyList<Trigger> subtriggers)
            : base(subtriggers)
        {
        }

        /// <inheritdoc />
        public override string ToString() => base.ToString();
    }

    /// <summary><c>Trigger.AfterAny</c>: fires once any subtrigger fires, then finishes.</summary>
    public sealed record AfterAny : Composite
    {
        /// <summary>Creates the trigger.</summary>
        /// <param name="subtriggers">The subtriggers in order (at least one).</param>
        public AfterAny(IReadOnlyList<Trigger> subtriggers)
            : base(subtriggers)
        {
        }

        /// <inheritdoc />
        public override string ToString() => base.ToString();
    }

    /// <summary><c>Trigger.AfterEach</c>: runs the subtriggers one after the other, firing whenever the current one fires.</summary>
    public sealed record AfterEach : Composite
    {
        /// <summary>Creates the trigger.</summary>
        /// <param name="subtriggers">The subtriggers in order (at least one).</param>
        public AfterEach(IReadOnlyList<Trigger> subtriggers)
            : base(subtriggers)
        {
        }

        /// <inheritdoc />
        public override string ToString() => base.ToString();
    }

    /// <summary><c>Trigger.Repeat</c> (Java <c>Repeatedly.forever</c>): fires whenever the subtrigger fires, resetting it after each firing; never finishes.</summary>
    /// <param name="Subtrigger">The repeated trigger.</param>
    public sealed record Repeatedly(Trigger Subtrigger) : Trigger
    {
        /// <inheritdoc />
        public override IReadOnlyList<Trigger> Children => [Subtrigger];

        /// <inheritdoc />
        public override string ToString() => $"Repeatedly({Subtrigger})";
    }

    /// <summary><c>Trigger.OrFinally</c>: fires as <paramref name="Main"/> does, and finishes (firing a last time) as soon as <paramref name="Finally"/> fires.</summary>
    /// <param name="Main">The main trigger.</param>
    /// <param name="Finally">The trigger that finishes it.</param>
    public sealed record OrFinally(Trigger Main, Trigger Finally) : Trigger
    {
        /// <inheritdoc />
        public override IReadOnlyList<Trigger> Children => [Main, Finally];

        /// <inheritdoc />
        public override string ToString() => $"OrFinally({Main}, {Finally})";
    }
}
