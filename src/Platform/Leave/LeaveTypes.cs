using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Leave;

/// <summary>The school's own kinds of leave (besides vakantieverlof and the legal special circumstances).</summary>
public sealed class LeaveTypes(SchoolpleinDb db, TimeProvider time)
{
    public async Task<IReadOnlyList<LeaveType>> AllAsync(CancellationToken ct = default) =>
        await db.Set<LeaveType>().AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);

    public async Task<Outcome> AddAsync(string? name, CancellationToken ct = default)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > LeaveType.NameMaxLength)
        {
            return Outcome.Refused("Error_TypeName", LeaveType.NameMaxLength);
        }
        db.Add(new LeaveType { Name = name, CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>False when the school has no such type.</summary>
    public async Task<bool> SetActiveAsync(Guid typeId, bool active, CancellationToken ct = default)
    {
        var type = await db.Set<LeaveType>().FirstOrDefaultAsync(t => t.Id == typeId, ct);
        if (type is null)
        {
            return false;
        }
        type.Active = active;
        await db.SaveChangesAsync(ct);
        return true;
    }
}
