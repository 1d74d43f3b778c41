using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

// Not "Schoolplein.Platform.Migration": that namespace would hide EF Core's Migration type in the generated migrations.
namespace Schoolplein.Platform.SchoolMigration;

/// <summary>A pupil by name in the dry run's comparison; <see cref="From"/> is the old name or group, <see cref="To"/> the new one.</summary>
public sealed record PupilChange(string Key, string Name, string? From, string? To);

/// <summary>
/// What an import of these files would do to the school as it is now, by name: pupils that
/// are new, renamed, moved to another group, or archived because the export no longer has them.
/// Computed when shown (never stored: it holds names, and the school may change meanwhile).
/// </summary>
public sealed record ImportDiff(
    IReadOnlyList<PupilChange> New,
    IReadOnlyList<PupilChange> Renamed,
    IReadOnlyList<PupilChange> Moved,
    IReadOnlyList<PupilChange> Archived,
    int ActivePupils)
{
    /// <summary>More than this share of the school's pupils archived by one file needs an explicit confirmation.</summary>
    public const int ConfirmArchivePercent = 10;

    /// <summary>A truncated export would archive everyone who is missing from it: above the threshold, staff confirm first.</summary>
    public bool NeedsConfirmation => Archived.Count * 100 > ActivePupils * ConfirmArchivePercent;

    public int ArchivedPercent => ActivePupils == 0 ? 0 : (int)Math.Round(Archived.Count * 100.0 / ActivePupils);
}

/// <summary>
/// The backoffice's writes and comparisons for one school's imports, run in that school's scope:
/// store an upload's dry run, compare it with the school, and queue it (with the confirmation
/// a mass archive needs).
/// </summary>
public sealed class MigrationImports(SchoolpleinDb db, TenantContext tenant, TimeProvider time)
{
    public async Task<Guid> CreateDryRunAsync(MigrationImport import, CancellationToken ct)
    {
        db.Set<MigrationImport>().Add(import);
        await db.SaveChangesAsync(ct);
        return import.Id;
    }

    /// <summary>The comparison with the school now; null once the files are gone (after a successful import).</summary>
    public async Task<ImportDiff?> CompareAsync(Guid importId, CancellationToken ct)
    {
        var files = await db.Set<MigrationImport>().AsNoTracking().Where(i => i.Id == importId)
            .Select(i => new { i.Edexml, i.Csv }).FirstOrDefaultAsync(ct);
        if (files?.Edexml is null || files.Csv is null)
        {
            return null;
        }
        ImportPlan plan;
        try
        {
            plan = ImportPlanner.Plan(files.Edexml, files.Csv, Today());
        }
        catch (ImportFileException)
        {
            return null;
        }
        return await CompareAsync(plan, ct);
    }

    public async Task<ImportDiff> CompareAsync(ImportPlan plan, CancellationToken ct)
    {
        var current = await db.Pupils.AsNoTracking().Where(p => p.ExternalKey != null)
            .Select(p => new
            {
                Key = p.ExternalKey!,
                p.FirstName,
                p.LastNamePrefix,
                p.LastName,
                Archived = p.ArchivedAt != null,
                GroupKey = p.Group == null ? null : p.Group.ExternalKey,
                GroupName = p.Group == null ? null : p.Group.Name,
            })
            .ToListAsync(ct);
        var activePupils = await db.Pupils.CountAsync(p => p.ArchivedAt == null, ct);
        var byKey = new Dictionary<string, (string Name, string? GroupKey, string? GroupName, bool Archived)>(StringComparer.Ordinal);
        foreach (var p in current)
        {
            byKey.TryAdd(ImportNormalization.Key(p.Key)!, (PersonName.Format(p.FirstName, p.LastNamePrefix, p.LastName), p.GroupKey, p.GroupName, p.Archived));
        }
        var groupNames = plan.Groups.ToDictionary(g => g.Key, g => g.Name, StringComparer.Ordinal);
        string? GroupName(string? key) => key is null ? null : groupNames.GetValueOrDefault(key);

        List<PupilChange> created = [], renamed = [], moved = [], archived = [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var planned in plan.Pupils)
        {
            seen.Add(planned.MatchKey);
            var name = PersonName.Format(planned.FirstName, planned.Prefix, planned.LastName);
            if (!byKey.TryGetValue(planned.MatchKey, out var now) || now.Archived)
            {
                created.Add(new PupilChange(planned.Key, name, null, GroupName(planned.GroupKey)));
                continue;
            }
            if (now.Name != name)
            {
                renamed.Add(new PupilChange(planned.Key, name, now.Name, name));
            }
            if (now.GroupKey != planned.GroupKey)
            {
                moved.Add(new PupilChange(planned.Key, name, now.GroupName, GroupName(planned.GroupKey)));
            }
        }
        foreach (var (key, now) in byKey)
        {
            if (!now.Archived && !seen.Contains(key))
            {
                archived.Add(new PupilChange(key, now.Name, now.GroupName, null));
            }
        }
        static List<PupilChange> Sorted(List<PupilChange> list) => [.. list.OrderBy(c => c.Name, StringComparer.CurrentCulture)];
        return new ImportDiff(Sorted(created), Sorted(renamed), Sorted(moved), Sorted(archived), activePupils);
    }

    /// <summary>
    /// Queues a dry run for the import job. Refused when another import runs, when this one cannot
    /// start, or when it would archive more than <see cref="ImportDiff.ConfirmArchivePercent"/>% of
    /// the pupils and <paramref name="archiveConfirmed"/> is not set.
    /// </summary>
    public async Task<Outcome> QueueAsync(Guid importId, bool archiveConfirmed, CancellationToken ct)
    {
        var import = await db.Set<MigrationImport>().FirstOrDefaultAsync(i => i.Id == importId, ct);
        if (import is null)
        {
            return Outcome.Refused("NotFound");
        }
        if (await db.Set<MigrationImport>().AnyAsync(i => i.Id != importId && (i.Status == ImportStatus.Queued || i.Status == ImportStatus.Running), ct))
        {
            return Outcome.Refused("AnotherRunning");
        }
        if (import.Status is not (ImportStatus.DryRun or ImportStatus.Failed) || import.Edexml is null)
        {
            return Outcome.Refused("CannotStart");
        }
        if (!archiveConfirmed && await CompareAsync(importId, ct) is { NeedsConfirmation: true } diff)
        {
            return Outcome.Refused([new Problem("ConfirmArchiveRequired", diff.Archived.Count, diff.ActivePupils, diff.ArchivedPercent) { Field = "ConfirmArchive" }]);
        }
        import.Status = ImportStatus.Queued;
        import.Progress = 0;
        import.Error = null;
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    private DateOnly Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), tenant.Required.TimeZoneInfo).DateTime);
}
