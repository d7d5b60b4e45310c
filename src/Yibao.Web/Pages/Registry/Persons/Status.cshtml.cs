using Microsoft.AspNetCore.Mvc;
using Yibao.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Application.Registry;
using Yibao.Domain.Registry;

namespace Yibao.Web.Pages.Registry.Persons;

/// <summary>认定特殊身份 (特困、低保、脱贫人口 …) or, with a statusId, 结束特殊身份.</summary>
public sealed class StatusModel(AddSpecialStatusHandler add, EndSpecialStatusHandler end, IAppDbContext db, TimeProvider clock) : PersonFormModel(db, clock)
{
    [BindProperty(SupportsGet = true)] public long? StatusId { get; set; }
    [BindProperty] public string? Type { get; set; }
    [BindProperty] public DateOnly? BeginDate { get; set; }
    [BindProperty] public DateOnly? EndDate { get; set; }
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string? SourceReference { get; set; }

    public PersonSpecialStatus? Existing { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        BeginDate = Today;
        EndDate = StatusId is null ? null : Today;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (Existing is { } s)
        {
            if (EndDate is not { } last)
            {
                Errors = [DateRequired("结束日期", "endtime")];
                return Page();
            }

            var ended = await end.HandleAsync(new EndSpecialStatus(s.Id, last), ct);
            if (!ended.Succeeded)
            {
                Errors = ended.Errors;
                return Page();
            }

            return BackToPerson($"已结束特殊身份“{RegistryNames.Of(s.Type)}”（最后适用日 {RegistryAccess.Date(last)}）。");
        }

        if (BeginDate is not { } begin)
        {
            Errors = [DateRequired("开始日期", "begntime")];
            return Page();
        }

        var result = await add.HandleAsync(new AddSpecialStatus(Person.PersonNo, Type ?? string.Empty, begin, Source?.Trim() ?? string.Empty, EndDate,
            string.IsNullOrWhiteSpace(SourceReference) ? null : SourceReference.Trim()), ct);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return Page();
        }

        return BackToPerson($"已认定特殊身份“{RegistryNames.Of(RegistryLookups.ToSpecialStatus(Type!))}”。");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct))
        {
            return false;
        }

        if (StatusId is { } sid)
        {
            Existing = await Db.PersonSpecialStatuses.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid && s.PersonId == Id, ct);
            return Existing is not null;
        }

        return true;
    }
}
