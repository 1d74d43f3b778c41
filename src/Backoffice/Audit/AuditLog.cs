using System.Security.Claims;
using Schoolplein.Backoffice.Persistence;

namespace Schoolplein.Backoffice.Audit;

/// <summary>
/// Writes the audit trail. Called after the change it records has been committed, so an
/// entry never describes something that was rolled back.
/// </summary>
public sealed class AuditLog(BackofficeDb db, IHttpContextAccessor http, TimeProvider time)
{
    public const string SystemStripe = "system:stripe";

    public async Task RecordAsync(string action, Guid? tenantId, string? details, BackofficeUser? actor = null, string? systemActor = null, CancellationToken ct = default)
    {
        var (actorId, actorName) = actor is not null
            ? (actor.Id, actor.Email ?? actor.UserName ?? actor.Id.ToString())
            : systemActor is not null
                ? ((Guid?)null, systemActor)
                : CurrentUser();
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            ActorId = actorId,
            ActorName = actorName,
            Action = action,
            TenantId = tenantId,
            Details = details is { Length: > 1000 } ? details[..1000] : details,
        });
        await db.SaveChangesAsync(ct);
    }

    private (Guid?, string) CurrentUser()
    {
        var user = http.HttpContext?.User;
        var id = Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var parsed) ? parsed : (Guid?)null;
        var name = user?.FindFirstValue(ClaimTypes.Email) ?? user?.Identity?.Name ?? "system";
        return (id, name);
    }
}
