using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;
using Yibao.Domain.Registry;

namespace Yibao.Web.Pages.Registry;

/// <summary>A form about one person (route id = person id): loads the person for the heading.</summary>
public abstract class PersonFormModel(IAppDbContext db, TimeProvider clock) : RegistryFormModel(clock)
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public Person Person { get; private set; } = null!;

    protected IAppDbContext Db => db;

    protected async Task<bool> LoadPersonAsync(CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == Id, ct);
        if (person is null)
        {
            return false;
        }

        Person = person;
        return true;
    }

    protected IActionResult BackToPerson(string message)
    {
        TempData["Message"] = message;
        return RedirectToPage("/Registry/Persons/Detail", new { id = Id });
    }
}
