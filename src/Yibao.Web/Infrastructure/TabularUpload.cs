using Yibao.Domain.Catalogs;
using Yibao.Infrastructure.Catalogs;

namespace Yibao.Web.Infrastructure;

/// <summary>
/// Reads an uploaded .csv (UTF-8) or .xlsx file into rows of cells for an all-or-nothing import. Problems with the
/// file itself come back as a row-0 <see cref="ImportRowError"/> in Chinese, never as a 500.
/// </summary>
public static class TabularUpload
{
    public static async Task<(List<IReadOnlyList<string>>? Records, string FileName, ImportRowError? Error)> ReadAsync(IFormFile? upload, CancellationToken ct)
    {
        if (upload is null || upload.Length == 0)
        {
            return (null, string.Empty, new ImportRowError(0, "文件", "请选择要导入的 .xlsx 或 .csv 文件"));
        }

        var fileName = Path.GetFileName(upload.FileName);
        if (!fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !CatalogFiles.IsExcel(fileName))
        {
            return (null, fileName, new ImportRowError(0, "文件", "只支持 .xlsx 和 .csv（UTF-8）文件"));
        }

        try
        {
            await using var s = upload.OpenReadStream();
            using var buffer = new MemoryStream();
            await s.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            return (CatalogFiles.ReadRecords(buffer, fileName), fileName, null);
        }
#pragma warning disable CA1031 // An unreadable upload is reported to the user, never a 500.
        catch (Exception)
#pragma warning restore CA1031
        {
            return (null, fileName, new ImportRowError(0, "文件", "无法读取文件内容，请确认是 Excel 2007 及以上的 .xlsx 文件或 UTF-8 编码的 CSV 文件"));
        }
    }
}
