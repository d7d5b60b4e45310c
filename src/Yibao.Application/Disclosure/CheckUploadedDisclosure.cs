using FluentValidation;
using Yibao.Application.Common;

namespace Yibao.Application.Disclosure;

/// <summary>
/// 上传检查：an uploaded disclosure (.txt .md .docx .pdf, at most 20 MB) is written to a temporary file, its text
/// extracted, the file deleted, and the text checked. Nothing is stored.
/// </summary>
public sealed record CheckUploadedDisclosure(string FileName, long Length, Stream Content)
{
    public const long MaxBytes = 20L * 1024 * 1024;

    public static readonly IReadOnlyList<string> Extensions = [".txt", ".md", ".docx", ".pdf"];
}

/// <summary>The report, with the extracted text (to show the document and to re-render the report for download).</summary>
public sealed record CheckedUpload(DisclosureReport Report, string Text);

public sealed class CheckUploadedDisclosureValidator : AbstractValidator<CheckUploadedDisclosure>
{
    public CheckUploadedDisclosureValidator()
    {
        RuleFor(x => x.FileName)
            .NotEmpty().WithMessage("文件：请选择要检查的文件")
            .Must(n => CheckUploadedDisclosure.Extensions.Contains(Path.GetExtension(n ?? "").ToLowerInvariant()))
            .WithMessage(x => $"文件：不支持的文件类型“{Path.GetExtension(x.FileName)}”，只接受 .txt、.md、.docx、.pdf");
        RuleFor(x => x.Length)
            .GreaterThan(0).WithMessage("文件：文件是空的")
            .LessThanOrEqualTo(CheckUploadedDisclosure.MaxBytes).WithMessage("文件：不能超过 20 MB");
    }
}

public sealed class CheckUploadedDisclosureHandler(IDocumentTextSource source, CheckDisclosure checker)
{
    private static readonly CheckUploadedDisclosureValidator Validator = new();

    public async Task<AppResult<CheckedUpload>> HandleAsync(CheckUploadedDisclosure command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var validation = await Validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return AppResult<CheckedUpload>.Fail(validation.ToAppErrors());
        }

        var name = Path.GetFileName(command.FileName);
        var temp = Path.Combine(Path.GetTempPath(), $"yibao-upload-{Guid.NewGuid():N}{Path.GetExtension(name).ToLowerInvariant()}");
        string text;
        try
        {
            await using (var file = File.Create(temp))
            {
                await command.Content.CopyToAsync(file, cancellationToken);
            }
            text = await source.ReadTextAsync(temp, cancellationToken);
        }
        catch (DocumentReadException ex)
        {
            return AppResult<CheckedUpload>.Fail(new AppError("unreadable", $"文件：无法读取（{ex.InnerException?.Message ?? ex.Message}），请确认文件完整且未加密", nameof(command.FileName)));
        }
        finally
        {
            File.Delete(temp);
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return AppResult<CheckedUpload>.Fail(new AppError("no-text", "文件：没有可提取的文字（PDF 可能是扫描件，没有文字层）", nameof(command.FileName)));
        }
        return AppResult<CheckedUpload>.Ok(new CheckedUpload(checker.CheckText(name, text), text));
    }
}
