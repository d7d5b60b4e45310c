using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Catalogs;

namespace Yibao.Application.Catalogs;

/// <summary>导入诊断或手术操作目录 (header code,name): upsert by code; all-or-nothing with row errors.</summary>
public sealed record ImportCodeTable(bool Procedures, IReadOnlyList<IReadOnlyList<string>> Records);

public sealed record CodeTableImportOutcome(int Added, int Changed, IReadOnlyList<ImportRowError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

public sealed class ImportCodeTableHandler(IAppDbContext db)
{
    public async Task<CodeTableImportOutcome> HandleAsync(ImportCodeTable command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (codeCol, nameCol) = command.Procedures ? ("oprn_oprt_code", "oprn_oprt_name") : ("diag_code", "diag_name");
        var errors = new List<ImportRowError>();
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < command.Records.Count; i++)
        {
            var r = command.Records[i];
            if (r.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var code = r.Count > 0 ? (r[0] ?? "").Trim() : "";
            var name = r.Count > 1 ? (r[1] ?? "").Trim() : "";
            if (code.Length is 0 or > 30)
            {
                errors.Add(new ImportRowError(i + 1, codeCol, "不能为空，且不超过 30 个字符"));
            }
            else if (!rows.TryAdd(code, name))
            {
                errors.Add(new ImportRowError(i + 1, codeCol, $"编码“{code}”在文件中重复"));
            }

            if (name.Length is 0 or > 200)
            {
                errors.Add(new ImportRowError(i + 1, nameCol, "不能为空，且不超过 200 个字符"));
            }
        }

        if (errors.Count > 0)
        {
            return new CodeTableImportOutcome(0, 0, errors);
        }

        int added = 0, changed = 0;
        if (command.Procedures)
        {
            var existing = await db.Procedures.ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, ct);
            foreach (var (code, name) in rows)
            {
                if (!existing.TryGetValue(code, out var p))
                {
                    db.Procedures.Add(new ProcedureEntry { Code = code, Name = name });
                    added++;
                }
                else if (!string.Equals(p.Name, name, StringComparison.Ordinal))
                {
                    p.Name = name;
                    changed++;
                }
            }
        }
        else
        {
            var existing = await db.Diagnoses.ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, ct);
            foreach (var (code, name) in rows)
            {
                if (!existing.TryGetValue(code, out var p))
                {
                    db.Diagnoses.Add(new DiagnosisEntry { Code = code, Name = name });
                    added++;
                }
                else if (!string.Equals(p.Name, name, StringComparison.Ordinal))
                {
                    p.Name = name;
                    changed++;
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return new CodeTableImportOutcome(added, changed, []);
    }
}
