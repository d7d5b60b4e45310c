namespace Yibao.Application.Disclosure;

/// <summary>
/// Extracts the text of a disclosure document (.txt/.md/.docx/.pdf). Tables come out as one row per line with
/// cells separated by tabs, so the domain parser sees the same shape whatever the file format.
/// </summary>
public interface IDocumentTextSource
{
    /// <summary>Whether the file extension is supported.</summary>
    bool CanRead(string path);

    /// <summary>Reads the text; throws <see cref="DocumentReadException"/> when the file cannot be read.</summary>
    Task<string> ReadTextAsync(string path, CancellationToken cancellationToken = default);
}

/// <summary>The document exists but cannot be read (corrupt, encrypted, no text layer, unsupported).</summary>
public sealed class DocumentReadException : Exception
{
    public DocumentReadException()
    {
    }

    public DocumentReadException(string message) : base(message)
    {
    }

    public DocumentReadException(string message, Exception inner) : base(message, inner)
    {
    }
}
