namespace Klachten.Workflows.Expressions;

/// <summary>
/// A least-recently-used cache keyed by source text. The same few hundred expressions run for thousands of instances,
/// so parsing each once pays; the bound keeps definitions that generate many distinct texts from growing it forever.
/// </summary>
internal sealed class BoundedCache<TValue>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly int _capacity;

    public BoundedCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_gate)
                return _entries.Count;
        }
    }

    public bool Contains(string key)
    {
        lock (_gate)
            return _entries.ContainsKey(key);
    }

    /// <summary>
    /// Returns the cached value, or creates, stores and returns it. The factory runs outside the lock, so two threads
    /// missing at once may both parse; the first stored value wins. A factory that throws stores nothing.
    /// </summary>
    public TValue GetOrAdd(string key, Func<string, TValue> factory)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var hit))
            {
                _recency.Remove(hit);
                _recency.AddFirst(hit);
                return hit.Value.Value;
            }
        }

        var created = factory(key);

        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var raced))
                return raced.Value.Value;

            _entries[key] = _recency.AddFirst(new Entry(key, created));
            if (_entries.Count > _capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }
        }

        return created;
    }

    private readonly record struct Entry(string Key, TValue Value);
}
