using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Internal;

/// <summary>
/// The contents of the PCollections read as side inputs, per window, in arrival order. An element from a trigger
/// firing (a pane other than <see cref="PaneInfo.NoFiring"/>) replaces the elements of earlier panes of its key
/// (unkeyed: of its window): the side input shows the latest fired pane (README "Triggered side inputs").
/// </summary>
internal sealed class SideInputStore
{
    private readonly Dictionary<PCollectionId, Dictionary<BoundedWindow, WindowContents>> _contents = [];

    public void Track(PCollectionId pcollection) => _contents.TryAdd(pcollection, []);

    public bool IsTracked(PCollectionId pcollection) => _contents.ContainsKey(pcollection);

    public void Add(PCollectionId pcollection, Element element)
    {
        if (!_contents.TryGetValue(pcollection, out var windows))
        {
            return;
        }

        if (!windows.TryGetValue(element.Window, out var contents))
        {
            contents = new WindowContents();
            windows.Add(element.Window, contents);
        }

        contents.Add(element);
    }

    /// <summary>True when <paramref name="window"/> of <paramref name="pcollection"/> holds an element of a fired pane.</summary>
    public bool HasFiredPane(PCollectionId pcollection, BoundedWindow window) =>
        _contents.TryGetValue(pcollection, out var windows) && windows.TryGetValue(window, out var contents) && contents.HasFiredPane;

    public WindowContents? Get(PCollectionId pcollection, BoundedWindow window)
    {
        if (!_contents.TryGetValue(pcollection, out var windows))
        {
            throw new ArgumentException($"PCollection '{pcollection}' is not read as a side input by any stage", nameof(pcollection));
        }

        return windows.GetValueOrDefault(window);
    }

    /// <summary>One side-input window's elements; the key index is built on first multimap access.</summary>
    internal sealed class WindowContents
    {
        private readonly List<Element> _elements = [];
        private Dictionary<ByteKey, List<ReadOnlyMemory<byte>>>? _byKey;
        private List<ReadOnlyMemory<byte>>? _keys;

        public IReadOnlyList<ReadOnlyMemory<byte>> All() => _elements.Select(static e => e.Bytes).ToList();

        /// <summary>True once an element of a fired pane (not <see cref="PaneInfo.NoFiring"/>) was added.</summary>
        public bool HasFiredPane { get; private set; }

        public void Add(Element element)
        {
            if (element.Pane != PaneInfo.NoFiring)
            {
                HasFiredPane = true;
                var pane = element.Pane.Index;
                if (_elements.RemoveAll(e => e.Pane != PaneInfo.NoFiring && e.Pane.Index < pane && SameKey(e, element)) > 0)
                {
                    // Rebuilt on the next multimap access.
                    _byKey = null;
                    _keys = null;
                }
            }

            _elements.Add(element);
            if (_byKey is not null)
            {
                Index(element);
            }
        }

        public IReadOnlyList<ReadOnlyMemory<byte>> ValuesOf(ReadOnlyMemory<byte> key, PCollectionId pcollection)
        {
            EnsureIndex(pcollection);
            return _byKey!.TryGetValue(new ByteKey(key), out var values) ? values.ToList() : [];
        }

        public IReadOnlyList<ReadOnlyMemory<byte>> Keys(PCollectionId pcollection)
        {
            EnsureIndex(pcollection);
            return _keys!.ToList();
        }

        private static bool SameKey(Element a, Element b) =>
            a.IsKeyed == b.IsKeyed && (!a.IsKeyed || a.KeyBytes.Span.SequenceEqual(b.KeyBytes.Span));

        private void EnsureIndex(PCollectionId pcollection)
        {
            if (_byKey is not null)
            {
                return;
            }

            foreach (var element in _elements)
            {
                if (!element.IsKeyed)
                {
                    throw new InvalidOperationException($"side input '{pcollection}' is read as a multimap but holds an element without a key length: the runner must split the key of multimap side-input elements ({element})");
                }
            }

            _byKey = [];
            _keys = [];
            foreach (var element in _elements)
            {
                Index(element);
            }
        }

        private void Index(Element element)
        {
            var key = new ByteKey(element.KeyBytes);
            if (!_byKey!.TryGetValue(key, out var values))
            {
                values = [];
                _byKey.Add(key.Owned(), values);
                _keys!.Add(element.KeyBytes);
            }

            values.Add(element.ValueBytes);
        }
    }
}
