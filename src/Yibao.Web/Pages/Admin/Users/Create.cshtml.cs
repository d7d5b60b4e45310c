using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yibao.Application.Admin;
using Yibao.Application.Common;

namespace Yibao.Web.Pages.Admin.Users;

/// <summary>新建账号. An empty password is generated and shown once; the user must change it at first login.</summary>
public sealed class CreateModel(CreateStaffUserHandler handler) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public List<string> Roles { get; set; } = [];

    [BindProperty]
    public string? Password { get; set; }

    public IReadOnlyList<AppError> Errors { get; private set; } = [];

    public CreatedStaffUser? Created { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(
            new CreateStaffUser(UserName ?? string.Empty, DisplayName ?? string.Empty, Roles, string.IsNullOrWhiteSpace(Password) ? null : Password),
            cancellationToken);
        if (result.Succeeded)
        {
            Created = result.Value;
        }
        else
        {
            Errors = result.Errors;
        }

        return Page();
    }

    public bool HasError(string field) =>
        Errors.Any(e => string.Equals(e.Field, field, StringComparison.OrdinalIgnoreCase)
                        || (e.Field?.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase) ?? false));
}
