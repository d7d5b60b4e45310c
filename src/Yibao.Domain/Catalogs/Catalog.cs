namespace Yibao.Domain.Catalogs;

/// <summary>An immutable, indexed 医保目录 (items and diagnoses) for fast lookup by code.</summary>
public sealed class Catalog
{
    private readonly Dictionary<string, int> _index;
    private readonly Dictionary<string, Diagnosis> _diagnoses;

    public Catalog(IEnumerable<CatalogItem> items, IEnumerable<Diagnosis>? diagnoses = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items.ToArray();
        _index = new Dictionary<string, int>(Items.Count, StringComparer.Ordinal);
        for (var i = 0; i < Items.Count; i++)
        {
            if (!_index.TryAdd(Items[i].Code, i))
            {
                throw new ArgumentException($"目录编码重复：{Items[i].Code}", nameof(items));
            }
        }

        _diagnoses = new Dictionary<string, Diagnosis>(StringComparer.Ordinal);
        foreach (var d in diagnoses ?? [])
        {
            _diagnoses[d.Code] = d;
        }
    }

    public IReadOnlyList<CatalogItem> Items { get; }

    public IReadOnlyCollection<Diagnosis> Diagnoses => _diagnoses.Values;

    /// <summary>Index of the item with this code, or -1.</summary>
    public int IndexOf(string code) => _index.TryGetValue(code, out var i) ? i : -1;

    public CatalogItem? Find(string code) => _index.TryGetValue(code, out var i) ? Items[i] : null;

    public Diagnosis? FindDiagnosis(string code) => _diagnoses.GetValueOrDefault(code);
}
