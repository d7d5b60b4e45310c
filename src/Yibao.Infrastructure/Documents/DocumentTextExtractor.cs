using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using Yibao.Application.Disclosure;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Yibao.Infrastructure.Documents;

/// <summary>
/// Text extraction for disclosure documents: .txt/.md (UTF-8, falling back to GB18030), .docx (OpenXml: paragraphs and
/// tables, one row per line, cells separated by tabs) and .pdf with a text layer (PdfPig: letters grouped into lines by
/// baseline; wide gaps become tabs so tables keep their columns).
/// </summary>
public sealed class DocumentTextExtractor : IDocumentTextSource
{
    static DocumentTextExtractor() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public bool CanRead(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() is ".txt" or ".md" or ".markdown" or ".docx" or ".pdf";
    }

    public async Task<string> ReadTextAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".docx" => ReadDocx(path),
                ".pdf" => ReadPdf(path),
                _ => DecodeText(await File.ReadAllBytesAsync(path, cancellationToken)),
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or FormatException
                                   or OpenXmlPackageException or InvalidOperationException or ArgumentException
                                   or UglyToad.PdfPig.Core.PdfDocumentFormatException)
        {
            throw new DocumentReadException($"无法读取文件 {Path.GetFileName(path)}：{ex.Message}", ex);
        }
    }

    public static string DecodeText(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    public static string ReadDocx(string path)
    {
        using var doc = WordprocessingDocument.Open(path, false);
        var body = doc.MainDocumentPart?.Document?.Body ?? throw new InvalidDataException("DOCX 中没有正文");
        var sb = new StringBuilder();
        foreach (var el in body.ChildElements)
        {
            switch (el)
            {
                case W.Paragraph p:
                    sb.AppendLine(ParagraphText(p));
                    break;
                case W.Table t:
                    sb.AppendLine();
                    foreach (var row in t.Elements<W.TableRow>())
                    {
                        var cells = row.Elements<W.TableCell>().Select(c => string.Join(" ", c.Elements<W.Paragraph>().Select(ParagraphText)).Replace('\t', ' ').Trim());
                        sb.AppendLine(string.Join('\t', cells) + "\t");
                    }
                    sb.AppendLine();
                    break;
                default:
                    break;
            }
        }
        return sb.ToString();
    }

    private static string ParagraphText(W.Paragraph p)
    {
        var sb = new StringBuilder();
        foreach (var node in p.Descendants())
        {
            switch (node)
            {
                case W.Text t:
                    sb.Append(t.Text);
                    break;
                case W.TabChar:
                    sb.Append(' ');
                    break;
                case W.Break:
                    sb.Append(' ');
                    break;
                default:
                    break;
            }
        }
        return sb.ToString();
    }

    public static string ReadPdf(string path)
    {
        using var pdf = PdfDocument.Open(path);
        var sb = new StringBuilder();
        foreach (var page in pdf.GetPages())
        {
            foreach (var line in Lines(page.Letters))
            {
                sb.AppendLine(line);
            }
            sb.AppendLine();
        }
        return sb.ToString();
    }

    private static IEnumerable<string> Lines(IReadOnlyList<Letter> letters)
    {
        var visible = letters.Where(l => !string.IsNullOrEmpty(l.Value)).ToList();
        // group by baseline: letters within 40% of the font size share a line
        var lines = new List<List<Letter>>();
        foreach (var l in visible.OrderByDescending(l => l.StartBaseLine.Y).ThenBy(l => l.StartBaseLine.X))
        {
            var size = Math.Max(l.PointSize, 4);
            var line = lines.LastOrDefault();
            if (line is not null && Math.Abs(line[0].StartBaseLine.Y - l.StartBaseLine.Y) <= size * 0.4)
            {
                line.Add(l);
            }
            else
            {
                lines.Add([l]);
            }
        }
        foreach (var line in lines)
        {
            var ordered = line.OrderBy(l => l.StartBaseLine.X).ToList();
            var sb = new StringBuilder();
            Letter? prev = null;
            foreach (var l in ordered)
            {
                if (prev is not null)
                {
                    var gap = l.StartBaseLine.X - prev.EndBaseLine.X;
                    var size = Math.Max(prev.PointSize, 4);
                    if (gap > size * 1.5)
                    {
                        sb.Append('\t');
                    }
                    else if (gap > size * 0.2 && !string.IsNullOrWhiteSpace(l.Value) && sb.Length > 0 && sb[^1] != ' ')
                    {
                        sb.Append(' ');
                    }
                }
                sb.Append(l.Value);
                prev = l;
            }
            var text = sb.ToString().TrimEnd();
            if (text.Contains('\t', StringComparison.Ordinal))
            {
                text += "\t";
            }
            yield return text;
        }
    }
}

/// <summary>Registration for hosts (the lead wires it into AddYibao and the CLI command).</summary>
public static class DisclosureServiceCollectionExtensions
{
    public static IServiceCollection AddDisclosureChecking(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IDocumentTextSource, DocumentTextExtractor>();
        services.AddTransient<CheckDisclosure>(sp => new CheckDisclosure(sp.GetRequiredService<IDocumentTextSource>()));
        services.AddTransient<CheckUploadedDisclosureHandler>();
        services.AddSingleton<IDisclosureReportRenderer>(_ => new Reports.Disclosure.DisclosureReportRenderer());
        return services;
    }
}
