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

    /// <summary>A run of letters of one line, separated from its neighbours by a wide gap (a table cell).</summary>
    internal sealed record Segment(string Text, double Left, double Right);

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
        return Tabulate(lines.Select(Segments).ToList());
    }

    private static List<Segment> Segments(List<Letter> line)
    {
        var ordered = line.OrderBy(l => l.StartBaseLine.X).ToList();
        var segments = new List<Segment>();
        var sb = new StringBuilder();
        double left = 0, right = 0;
        Letter? prev = null;
        foreach (var l in ordered)
        {
            if (prev is not null)
            {
                var gap = l.StartBaseLine.X - prev.EndBaseLine.X;
                var size = Math.Max(prev.PointSize, 4);
                if (gap > size * 1.5)
                {
                    segments.Add(new Segment(sb.ToString().Trim(), left, right));
                    sb.Clear();
                    prev = null;
                }
                else if (gap > size * 0.2 && !string.IsNullOrWhiteSpace(l.Value) && sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }
            }
            if (prev is null)
            {
                left = l.StartBaseLine.X;
            }
            sb.Append(l.Value);
            right = Math.Max(right, l.EndBaseLine.X);
            prev = l;
        }
        if (sb.Length > 0)
        {
            segments.Add(new Segment(sb.ToString().Trim(), left, right));
        }
        return segments.Where(s => s.Text.Length > 0).ToList();
    }

    /// <summary>
    /// Writes lines; runs of consecutive multi-cell lines are a table whose columns are rebuilt from x-positions:
    /// the rows with the most cells define the column spans, and each cell of a shorter row (blank cells leave no text in
    /// a PDF) goes to the column it overlaps most, so the blanks stay blank instead of shifting later cells left.
    /// </summary>
    internal static IEnumerable<string> Tabulate(IReadOnlyList<List<Segment>> lines)
    {
        int i = 0;
        while (i < lines.Count)
        {
            if (lines[i].Count < 2)
            {
                yield return lines[i].Count == 0 ? "" : lines[i][0].Text;
                i++;
                continue;
            }
            int start = i;
            while (i < lines.Count && lines[i].Count >= 2)
            {
                i++;
            }
            var block = lines.Skip(start).Take(i - start).ToList();
            var columns = ColumnSpans(block);
            foreach (var row in block)
            {
                yield return string.Join('\t', Place(row, columns)) + "\t";
            }
        }
    }

    private static List<(double Left, double Right)> ColumnSpans(List<List<Segment>> block)
    {
        int max = block.Max(r => r.Count);
        var full = block.Where(r => r.Count == max).ToList();
        var spans = new List<(double Left, double Right)>();
        for (int c = 0; c < max; c++)
        {
            spans.Add((full.Min(r => r[c].Left), full.Max(r => r[c].Right)));
        }
        return spans;
    }

    private static string[] Place(List<Segment> row, List<(double Left, double Right)> columns)
    {
        var cells = new string[columns.Count];
        Array.Fill(cells, "");
        if (row.Count == columns.Count)
        {
            return row.Select(s => s.Text).ToArray();
        }
        int next = 0;
        foreach (var s in row)
        {
            // the best column at or after the previous cell's column: largest overlap, else nearest centre
            int best = -1;
            double bestScore = double.NegativeInfinity;
            for (int c = next; c < columns.Count; c++)
            {
                var (l, r) = columns[c];
                var overlap = Math.Min(r, s.Right) - Math.Max(l, s.Left);
                var score = overlap > 0 ? overlap : -Math.Abs((l + r) / 2 - (s.Left + s.Right) / 2);
                if (score > bestScore)
                {
                    bestScore = score;
                    best = c;
                }
            }
            if (best < 0 || columns.Count - best < row.Count - row.IndexOf(s))
            {
                // not enough columns left for the remaining cells: keep the original order
                return row.Select(x => x.Text).ToArray();
            }
            cells[best] = s.Text;
            next = best + 1;
        }
        return cells;
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
