using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Absence;

public sealed record ReasonView(Guid Id, string? Code, string? Name, bool PhoneOnly, bool Active, int SortOrder);

/// <summary>The school's absence reasons; the four default reasons are created on first use.</summary>
public sealed class AbsenceReasons(SchoolpleinDb db, TimeProvider time)
{
    public async Task<IReadOnlyList<ReasonView>> ReasonsAsync(bool includeInactive, CancellationToken ct = default)
    {
        await EnsureDefaultsAsync(ct);
        return await db.Set<AbsenceReason>().AsNoTracking()
            .Where(r => includeInactive || r.Active)
            .OrderBy(r => r.SortOrder).ThenBy(r => r.CreatedAt)
            .Select(r => new ReasonView(r.Id, r.Code, r.Name, r.PhoneOnly, r.Active, r.SortOrder))
            .ToListAsync(ct);
    }

    /// <summary>Adds the default reasons once; a concurrent first use is caught by the unique code index.</summary>
    public async Task EnsureDefaultsAsync(CancellationToken ct = default)
    {
        if (await db.Set<AbsenceReason>().AnyAsync(r => r.Code != null, ct))
        {
            return;
        }
        var now = time.GetUtcNow();
        var added = AbsenceReason.DefaultCodes
            .Select((code, i) => new AbsenceReason { Code = code, SortOrder = i * 10, CreatedAt = now })
            .ToList();
        db.AddRange(added);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            foreach (var reason in added)
            {
                db.Entry(reason).State = EntityState.Detached;
            }
        }
    }

    /// <summary>Adds the school's own reason at the end of the list.</summary>
    public async Task<Outcome> AddAsync(string? name, bool phoneOnly, CancellationToken ct = default)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > AbsenceReason.NameMaxLength)
        {
            return Outcome.Refused("Error_ReasonName", AbsenceReason.NameMaxLength);
        }
        var order = await db.Set<AbsenceReason>().MaxAsync(r => (int?)r.SortOrder, ct) ?? 0;
        db.Add(new AbsenceReason { Name = name, PhoneOnly = phoneOnly, SortOrder = order + 10, CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>False when the school has no such reason.</summary>
    public async Task<bool> UpdateAsync(Guid reasonId, bool phoneOnly, bool active, CancellationToken ct = default)
    {
        var reason = await db.Set<AbsenceReason>().FirstOrDefaultAsync(r => r.Id == reasonId, ct);
        if (reason is null)
        {
            return false;
        }
        reason.PhoneOnly = phoneOnly;
        reason.Active = active;
        await db.SaveChangesAsync(ct);
        return true;
    }
}
