using Schoolplein.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Leave;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Leave;

/// <summary>A guardian's view of one request: status, decision, history; withdraw while open.</summary>
[Authorize(Roles = Roles.Parent)]
[RequiresModule(SchoolModules.Leave)]
public sealed class DetailsModel(CurrentUser viewer, SchoolpleinDb db, LeaveRequester requester, IStringLocalizer<LeaveText> text) : PageModel, IShowsError
{
    public LeaveDetails Leave { get; private set; } = null!;
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var details = await LeaveDetails.LoadAsync(db, id, viewer.Id, asAdmin: false, ct);
        if (details is null)
        {
            return NotFound();
        }
        Leave = details;
        Message = TempData["LeaveDone"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct)
    {
        if (!this.IsConfirmed())
        {
            // Only a request the user can see and still withdraw is asked about; the rest gets its answer below.
            var details = await LeaveDetails.LoadAsync(db, id, viewer.Id, asAdmin: false, ct);
            if (details is null)
            {
                return NotFound();
            }
            if (details.IsOpen)
            {
                return this.Ask(text["WithdrawConfirmTitle"], text["WithdrawConfirmQuestion"], text["WithdrawConfirmButton"], $"/verlof/{id}");
            }
        }
        var outcome = await requester.WithdrawAsync(viewer.Id, id, ct);
        if (outcome is null)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            Error = text[outcome.Error!];
            Leave = (await LeaveDetails.LoadAsync(db, id, viewer.Id, asAdmin: false, ct))!;
            return Page();
        }
        TempData["LeaveDone"] = text["Withdrawn"].Value;
        return Redirect($"/verlof/{id}");
    }
}
