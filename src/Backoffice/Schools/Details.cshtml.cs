using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schoolplein.Backoffice.Audit;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Platform;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Schools;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Backoffice.Schools;

/// <summary>One school: profile, logo, modules, status, first admin, go-live checklist. Looking is audited too.</summary>
public sealed class DetailsModel(
    SchoolDetailsReader reader, SchoolRegistry registry, SchoolOnboarding onboarding, SchoolBillingSetup billing, AuditLog audit, SchoolMessages text) : PageModel
{
    public sealed record SchoolView(Guid Id, string Slug, string Name, TenantStatus Status, Uri Url, IReadOnlyList<string> Modules,
        DateTimeOffset? LogoUpdatedAt, BillingStatus BillingStatus, DateTimeOffset? GraceUntil, string? StripeCustomerId, DateTimeOffset? LettersPrintedAt,
        string? StripeSubscriptionId = null, bool SuspendedForBilling = false);

    public SchoolView School { get; private set; } = null!;
    public IReadOnlyList<ChecklistItem> Checklist { get; private set; } = [];

    [BindProperty]
    public SchoolForm Form { get; set; } = new();

    [BindProperty]
    public IFormFile? Logo { get; set; }

    public string? Message { get; private set; }

    public bool CanEdit => User.IsInRole(BackofficeRoles.Onboarding) || User.IsInRole(BackofficeRoles.Admin);
    public bool CanBill => User.IsInRole(BackofficeRoles.Finance) || User.IsInRole(BackofficeRoles.Admin);
    public bool BillingConfigured => billing.IsConfigured;
    public int? Quantity { get; private set; }

    /// <summary>Creates the Stripe customer and per-pupil subscription (Finance, Admin).</summary>
    public async Task<IActionResult> OnPostBillingAsync(Guid id, CancellationToken ct)
    {
        if (!CanBill)
        {
            return Forbid();
        }
        if (!await reader.ExistsAsync(id, ct))
        {
            return NotFound();
        }
        var outcome = await billing.SubscribeAsync(id, ct);
        if (!outcome.Succeeded)
        {
            text.AddTo(ModelState, outcome.Problems);
            await LoadAsync(id, fillForm: true, ct);
            return Page();
        }
        return RedirectToPage("/Schools/Details", new { id, done = "billing" });
    }

    public async Task<IActionResult> OnPostQuantityAsync(Guid id, CancellationToken ct)
    {
        if (!CanBill)
        {
            return Forbid();
        }
        await billing.SyncQuantityAsync(id, ct);
        return RedirectToPage("/Schools/Details", new { id, done = "billing" });
    }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(id, fillForm: true, ct))
        {
            return NotFound();
        }
        Message = done;
        await audit.RecordAsync("school.viewed", id, null, ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostProfileAsync(Guid id, CancellationToken ct) =>
        await EditAsync(id, "profile", async () => await registry.UpdateProfileAsync(id, Form.ToProfile(), ct),
            $"{Form.Name}, {Form.Locale}, {Form.TimeZone}, plan {Form.Plan}", ct);

    public async Task<IActionResult> OnPostModulesAsync(Guid id, CancellationToken ct) =>
        await EditAsync(id, "modules", async () => await registry.SetModulesAsync(id, Form.Modules, ct),
            string.Join(", ", Form.Modules), ct);

    // The branding service only for this handler: the page keeps to six dependencies.
    public async Task<IActionResult> OnPostLogoAsync(Guid id, [FromServices] SchoolBranding branding, CancellationToken ct) =>
        await EditAsync(id, "logo", async () =>
        {
            using var buffer = new MemoryStream();
            if (Logo is not null)
            {
                await Logo.CopyToAsync(buffer, ct);
            }
            return await branding.SetLogoAsync(id, buffer.ToArray(), ct);
        }, null, ct);

    public async Task<IActionResult> OnPostStatusAsync(Guid id, TenantStatus to, CancellationToken ct)
    {
        TenantStatus? previous = null;
        return await EditAsync(id, "status", async () =>
        {
            var (result, before) = await registry.SetStatusAsync(id, to, ct);
            previous = before;
            return result;
        }, null, ct, () => $"{previous} → {to}");
    }

    public async Task<IActionResult> OnPostInviteAsync(Guid id, CancellationToken ct) =>
        await EditAsync(id, null, () => onboarding.InviteAdminAsync(id, new FirstAdmin(Form.AdminFirstName, Form.AdminLastName, Form.AdminEmail), ct), null, ct);

    public async Task<IActionResult> OnPostLettersAsync(Guid id, bool printed, CancellationToken ct) =>
        await EditAsync(id, "letters", async () =>
        {
            await registry.SetLettersPrintedAsync(id, printed, ct);
            return Outcome.Done;
        }, printed ? "printed" : "not printed", ct);

    /// <summary>Runs one change; audits it when it succeeded (<paramref name="what"/> null: the action audits itself).</summary>
    private async Task<IActionResult> EditAsync(Guid id, string? what, Func<Task<Outcome>> change, string? details, CancellationToken ct, Func<string>? lateDetails = null)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        if (!await reader.ExistsAsync(id, ct))
        {
            return NotFound();
        }
        var outcome = await change();
        if (!outcome.Succeeded)
        {
            text.AddTo(ModelState, outcome.Problems);
            await LoadAsync(id, fillForm: false, ct);
            return Page();
        }
        if (what is not null)
        {
            await audit.RecordAsync("school." + what, id, lateDetails?.Invoke() ?? details, ct: ct);
        }
        return RedirectToPage("/Schools/Details", new { id, done = what ?? "invite" });
    }

    private async Task<bool> LoadAsync(Guid id, bool fillForm, CancellationToken ct)
    {
        if (await reader.LoadAsync(id, ct) is not { } details)
        {
            return false;
        }
        School = details.School;
        if (fillForm)
        {
            Form = details.Form;
        }
        Checklist = details.Checklist;
        Quantity = details.Quantity;
        return true;
    }
}
