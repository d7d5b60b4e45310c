using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace Yibao.Web.Infrastructure;

/// <summary>XLSX downloads (MiniExcel): one sheet of rows whose keys are the Chinese column names.</summary>
public static class ExcelFile
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<FileContentResult> CreateAsync(IReadOnlyList<Dictionary<string, object?>> rows, string sheetName, string fileNamePrefix, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: sheetName, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        var stamp = (clock.GetUtcNow() + TimeSpan.FromHours(8)).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        return new FileContentResult(stream.ToArray(), ContentType) { FileDownloadName = $"{fileNamePrefix}-{stamp}.xlsx" };
    }
}
