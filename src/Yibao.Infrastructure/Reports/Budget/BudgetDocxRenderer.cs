using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Yibao.Domain.Budget.Model;

namespace Yibao.Infrastructure.Reports.Budget;

/// <summary>DOCX of a generated disclosure (DocumentFormat.OpenXml): headings, paragraphs and bordered tables.</summary>
public static class BudgetDocxRenderer
{
    public static void Render(GeneratedDisclosure d, Stream output)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(output);
        using var doc = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document, true);
        var main = doc.AddMainDocumentPart();
        var body = new Body();
        main.Document = new Document(body);
        body.Append(Para(d.Title, bold: true, size: 36, center: true));
        foreach (var s in d.Sections)
        {
            body.Append(Para(s.Heading, bold: true, size: 28));
            foreach (var p in s.Paragraphs)
            {
                body.Append(Para(p));
            }
        }
        foreach (var t in d.Tables)
        {
            body.Append(Para($"表{t.Number}", size: 21));
            body.Append(Para(t.Title, bold: true, size: 24, center: true));
            body.Append(Para($"单位：{t.Unit}", size: 21));
            if (t.EmptyNote is not null)
            {
                body.Append(Para(t.EmptyNote, size: 21));
            }
            body.Append(Table(t));
            body.Append(Para(""));
        }
        body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 }, new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134 }));
        main.Document.Save();
    }

    private static Paragraph Para(string text, bool bold = false, int size = 22, bool center = false)
    {
        var rp = new RunProperties(new RunFonts { EastAsia = "宋体", Ascii = "Times New Roman" }, new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (bold)
        {
            rp.Append(new Bold());
        }
        var p = new Paragraph(new Run(rp, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (center)
        {
            p.PrependChild(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
        }
        return p;
    }

    private static Table Table(GeneratedTable t)
    {
        var table = new Table();
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        table.Append(new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        table.Append(new TableRow(t.Headers.Select(h => Cell(h, bold: true, right: false))));
        foreach (var r in t.Rows)
        {
            table.Append(new TableRow(r.Select(c => Cell(t.Display(c), bold: false, right: c.Amount is not null))));
        }
        return table;
    }

    private static DocumentFormat.OpenXml.Wordprocessing.TableCell Cell(string text, bool bold, bool right)
    {
        var p = Para(text, bold, 18);
        if (right)
        {
            p.PrependChild(new ParagraphProperties(new Justification { Val = JustificationValues.Right }));
        }
        return new DocumentFormat.OpenXml.Wordprocessing.TableCell(p);
    }
}
