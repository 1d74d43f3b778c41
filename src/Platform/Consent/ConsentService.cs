using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Hangfire;
using Npgsql;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Consent;

/// <summary>An answer to record. Portal and Import need the guardian; Paper needs the staff member (the guardian is optional).</summary>
public sealed record RecordConsent(
    Guid PupilId, Guid CategoryId, bool Granted, ConsentSource Source, Guid? GuardianUserId, Guid? StaffUserId = null);

/// <summary>One answer from the old portal: per (pupil, guardian account, category code), see <see cref="ConsentCategoryCodes.FromMijnSchoolColumn"/>.</summary>
public sealed record ImportedConsent(Guid PupilId, Guid GuardianUserId, string CategoryCode, bool Granted);

/// <summary>
/// Writes consent: answers (append-only records), the default categories and guardians'
/// yearly confirmations. Each command checks the rules first (refused: an <see cref="Outcome"/>
/// with <see cref="ConsentProblems"/>, nothing saved), then saves the change and its
/// notifications together.
/// </summary>
public sealed class ConsentService(
    SchoolpleinDb db, Notifier notifier, TenantContext tenant, TimeProvider time, IBackgroundJobClient jobs, IStringLocalizer<ConsentText> text)
{
    public const string ChangedKind = "consent.changed";

    /// <summary>The school day today in the school's time zone (lock dates compare with it).</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), tenant.Required.TimeZoneInfo).DateTime);

    /// <summary>
    /// Creates the default categories the first time a school uses consent (named in the school's
    /// language) and saves them. A school that has any category, retired ones included, is left alone.
    /// Call it before making other changes in the same DbContext. <paramref name="ids"/> gives
    /// fixed ids per code (demo data); new v7 ids otherwise.
    /// </summary>
    public async Task EnsureDefaultCategoriesAsync(CancellationToken ct = default, Func<string, Guid>? ids = null)
    {
        if (await db.ConsentCategories.AnyAsync(ct))
        {
            return;
        }
        var now = time.GetUtcNow();
        var previous = CultureInfo.CurrentUICulture;
        var added = new List<ConsentCategory>();
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(tenant.Required.Locale);
            var order = 0;
            foreach (var code in ConsentCategoryCodes.Defaults)
            {
                added.Add(new ConsentCategory
                {
                    Id = ids?.Invoke(code) ?? Guid.CreateVersion7(),
                    Code = code,
                    Name = text[$"Default.{code}.Name"],
                    Description = text[$"Default.{code}.Description"],
                    SortOrder = (order += 10),
                    CreatedAt = now,
                });
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
        db.ConsentCategories.AddRange(added);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another request created them at the same moment: theirs stand.
            foreach (var category in added)
            {
                db.Entry(category).State = EntityState.Detached;
            }
        }
    }

    /// <summary>Adds one answer after checking it against the rules; notifies the guardians when the current answer changes.</summary>
    public async Task<Outcome<ConsentRecord>> RecordAsync(RecordConsent input, CancellationToken ct = default)
    {
        var category = await db.ConsentCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == input.CategoryId, ct);
        if (category is null)
        {
            return Outcome<ConsentRecord>.Refused(ConsentProblems.CategoryNotFound);
        }
        if (category.RetiredAt is not null)
        {
            return Outcome<ConsentRecord>.Refused(ConsentProblems.CategoryRetired);
        }
        var pupil = await db.Pupils.AsNoTracking()
            .Where(p => p.Id == input.PupilId && p.ArchivedAt == null)
            .Select(p => new { p.FirstName, Guardians = p.Guardians.Select(g => g.UserId).ToList() })
            .FirstOrDefaultAsync(ct);
        if (pupil is null)
        {
            return Outcome<ConsentRecord>.Refused(ConsentProblems.PupilNotFound);
        }
        var refused = input.Source switch
        {
            ConsentSource.Portal or ConsentSource.Import when input.GuardianUserId is not { } guardian || !pupil.Guardians.Contains(guardian) =>
                ConsentProblems.NotAGuardian,
            ConsentSource.Portal when category.IsLockedOn(Today) => ConsentProblems.CategoryLocked,
            ConsentSource.Paper when input.StaffUserId is null => ConsentProblems.StaffRequired,
            ConsentSource.Paper when input.GuardianUserId is { } named && !pupil.Guardians.Contains(named) => ConsentProblems.NotAGuardian,
            _ => null,
        };
        if (refused is not null)
        {
            return Outcome<ConsentRecord>.Refused(refused);
        }
        var current = await CurrentAnswerAsync(input.PupilId, input.CategoryId, ct);
        var record = Add(input.PupilId, category, input.Granted, input.Source, input.GuardianUserId, input.StaffUserId, time.GetUtcNow());
        if (current != input.Granted && input.Source != ConsentSource.Import)
        {
            // A paper form is news to every guardian, the one who signed it too; a portal answer to the others.
            var others = input.Source == ConsentSource.Paper
                ? pupil.Guardians
                : pupil.Guardians.Where(g => g != input.GuardianUserId).ToList();
            await NotifyChangeAsync(others, record, pupil.FirstName, category.Name, ct);
        }
        await db.SaveChangesAsync(ct);
        return Outcome<ConsentRecord>.Done(record);
    }

    /// <summary>
    /// Adds the old portal's answers as history (source Import, no notifications). Every row must
    /// name a pupil of this school, one of its guardians and a default category code; otherwise
    /// nothing is added. Both parents' answers are all kept; see <see cref="ConsentRules.LatestFirst"/> for ties.
    /// The caller saves: the import writes the whole school in one transaction.
    /// </summary>
    public async Task<Outcome<int>> AddImportedAsync(IReadOnlyCollection<ImportedConsent> rows, DateTimeOffset recordedAt, CancellationToken ct = default)
    {
        await EnsureDefaultCategoriesAsync(ct);
        var categories = await db.ConsentCategories.AsNoTracking().Where(c => c.Code != null).ToDictionaryAsync(c => c.Code!, ct);
        var pupilIds = rows.Select(r => r.PupilId).Distinct().ToList();
        var links = (await db.Guardianships.AsNoTracking()
                .Where(g => pupilIds.Contains(g.PupilId))
                .Select(g => new { g.PupilId, g.UserId })
                .ToListAsync(ct))
            .Select(g => (g.PupilId, g.UserId)).ToHashSet();
        var added = new List<ConsentRecord>(rows.Count);
        foreach (var row in rows)
        {
            if (!categories.TryGetValue(row.CategoryCode, out var category))
            {
                return Outcome<int>.Refused(ConsentProblems.CategoryNotFound);
            }
            if (!links.Contains((row.PupilId, row.GuardianUserId)))
            {
                return Outcome<int>.Refused(ConsentProblems.NotAGuardian);
            }
            added.Add(new ConsentRecord
            {
                PupilId = row.PupilId,
                CategoryId = category.Id,
                CategoryName = category.Name,
                Granted = row.Granted,
                GuardianUserId = row.GuardianUserId,
                Source = ConsentSource.Import,
                RecordedAt = recordedAt,
            });
        }
        db.ConsentRecords.AddRange(added);
        return Outcome<int>.Done(added.Count);
    }

    /// <summary>
    /// A guardian confirms a child's choices for the school's latest re-confirmation request: every
    /// open (not locked) category needs an answer; changed answers become new records, and one
    /// notification per child tells the other guardians which categories changed. All children
    /// (pupil id → category id → granted) are saved together, or none when one is refused.
    /// </summary>
    public async Task<Outcome> ConfirmAsync(Guid guardianUserId, IReadOnlyDictionary<Guid, IReadOnlyDictionary<Guid, bool>> answersPerChild, CancellationToken ct = default)
    {
        var reconfirmation = await db.ConsentReconfirmations.AsNoTracking().OrderByDescending(r => r.RequestedAt).FirstOrDefaultAsync(ct);
        if (reconfirmation is null)
        {
            return Outcome.Refused(ConsentProblems.NothingToConfirm);
        }
        var today = Today;
        var open = (await db.ConsentCategories.AsNoTracking().Where(c => c.RetiredAt == null).OrderBy(c => c.SortOrder).ToListAsync(ct))
            .Where(c => !c.IsLockedOn(today)).ToList();
        foreach (var (pupilId, answers) in answersPerChild)
        {
            if (await ConfirmChildAsync(guardianUserId, pupilId, answers, reconfirmation, open, ct) is { } refused)
            {
                return Outcome.Refused(refused);
            }
        }
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Adds one child's confirmation to the context; the key of the problem when refused.</summary>
    private async Task<string?> ConfirmChildAsync(
        Guid guardianUserId, Guid pupilId, IReadOnlyDictionary<Guid, bool> answers, ConsentReconfirmation reconfirmation, List<ConsentCategory> open, CancellationToken ct)
    {
        var pupil = await db.Pupils.AsNoTracking()
            .Where(p => p.Id == pupilId && p.ArchivedAt == null && p.Guardians.Any(g => g.UserId == guardianUserId))
            .Select(p => new { p.FirstName, Guardians = p.Guardians.Select(g => g.UserId).ToList() })
            .FirstOrDefaultAsync(ct);
        if (pupil is null)
        {
            return ConsentProblems.NotAGuardian;
        }
        if (open.Any(c => !answers.ContainsKey(c.Id)) || answers.Keys.Any(id => open.All(c => c.Id != id)))
        {
            return ConsentProblems.AnswerMissing;
        }
        var current = await CurrentAnswersAsync([pupilId], ct);
        var now = time.GetUtcNow();
        var changed = new List<string>();
        foreach (var category in open)
        {
            var granted = answers[category.Id];
            // Never answered is not the same as an explicit denial: a first "deny" is recorded too.
            if (!current.TryGetValue(category.Id, out var was) || was != granted)
            {
                Add(pupilId, category, granted, ConsentSource.Portal, guardianUserId, null, now);
                changed.Add(category.Name);
            }
        }
        if (!await db.ConsentConfirmations.AnyAsync(c => c.ReconfirmationId == reconfirmation.Id && c.PupilId == pupilId && c.GuardianUserId == guardianUserId, ct))
        {
            db.ConsentConfirmations.Add(new ConsentConfirmation
            {
                ReconfirmationId = reconfirmation.Id,
                PupilId = pupilId,
                GuardianUserId = guardianUserId,
                ConfirmedAt = now,
            });
        }
        if (changed.Count > 0)
        {
            var actor = await GuardianNameAsync(guardianUserId, ct);
            await notifier.NotifyAsync(pupil.Guardians.Where(g => g != guardianUserId), new NotificationContent(
                ChangedKind, typeof(ConsentText), "Notify.Changed.Title", [pupil.FirstName],
                "Notify.Confirmed.Body", [actor, pupil.FirstName, string.Join(", ", changed)],
                ConsentLinks.Child(pupilId), SourceId: pupilId), ct);
        }
        return null;
    }

    /// <summary>A category the school adds itself (no code), saved.</summary>
    public async Task<ConsentCategory> AddCategoryAsync(string name, string? description, int sortOrder, DateOnly? lockDate, CancellationToken ct = default)
    {
        var category = new ConsentCategory
        {
            Name = name,
            Description = description,
            SortOrder = sortOrder,
            LockDate = lockDate,
            CreatedAt = time.GetUtcNow(),
        };
        db.ConsentCategories.Add(category);
        await db.SaveChangesAsync(ct);
        return category;
    }

    /// <summary>Changes a category's words, order and lock date; false when the school has no such category.</summary>
    public async Task<bool> UpdateCategoryAsync(Guid categoryId, string name, string? description, int? sortOrder, DateOnly? lockDate, CancellationToken ct = default)
    {
        var category = await db.ConsentCategories.FirstOrDefaultAsync(c => c.Id == categoryId, ct);
        if (category is null)
        {
            return false;
        }
        category.Name = name;
        category.Description = description;
        category.SortOrder = sortOrder ?? category.SortOrder;
        category.LockDate = lockDate;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Retires a category (no longer asked; history stays) or brings it back. The portal category
    /// cannot be retired: the timeline's photo check depends on it.
    /// </summary>
    public async Task<Outcome> SetRetiredAsync(Guid categoryId, bool retired, CancellationToken ct = default)
    {
        var category = await db.ConsentCategories.FirstOrDefaultAsync(c => c.Id == categoryId, ct);
        if (category is null)
        {
            return Outcome.Refused(ConsentProblems.CategoryNotFound);
        }
        if (retired && category.Code == ConsentCategoryCodes.Portal)
        {
            return Outcome.Refused(ConsentProblems.PortalCannotRetire);
        }
        category.RetiredAt = retired ? category.RetiredAt ?? time.GetUtcNow() : null;
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Starts this school year's re-confirmation; <see cref="ConsentReconfirmationJob"/> then notifies every guardian.</summary>
    public async Task<Outcome<ConsentReconfirmation>> RequestReconfirmationAsync(Guid staffUserId, CancellationToken ct = default)
    {
        var year = ConsentRules.SchoolYearOf(Today);
        if (await db.ConsentReconfirmations.AnyAsync(r => r.SchoolYear == year, ct))
        {
            return Outcome<ConsentReconfirmation>.Refused(ConsentProblems.AlreadyRequested);
        }
        var request = new ConsentReconfirmation { SchoolYear = year, RequestedByUserId = staffUserId, RequestedAt = time.GetUtcNow() };
        db.ConsentReconfirmations.Add(request);
        await db.SaveChangesAsync(ct);
        // Guardians are asked by a job: a school has hundreds of them, more than one request should wait for.
        var tenantId = tenant.Required.Id;
        var requestId = request.Id;
        jobs.Enqueue<ConsentReconfirmationJob>(job => job.RunAsync(tenantId, requestId, CancellationToken.None));
        return Outcome<ConsentReconfirmation>.Done(request);
    }

    private async Task<bool?> CurrentAnswerAsync(Guid pupilId, Guid categoryId, CancellationToken ct) =>
        await db.ConsentRecords.AsNoTracking()
            .Where(r => r.PupilId == pupilId && r.CategoryId == categoryId)
            .LatestFirst()
            .Select(r => (bool?)r.Granted)
            .FirstOrDefaultAsync(ct);

    private async Task<Dictionary<Guid, bool>> CurrentAnswersAsync(IReadOnlyCollection<Guid> pupilIds, CancellationToken ct) =>
        (await ConsentReader.Latest(db.ConsentRecords.AsNoTracking().Where(r => pupilIds.Contains(r.PupilId))).ToListAsync(ct))
            .ToDictionary(a => a.CategoryId, a => a.Granted);

    private ConsentRecord Add(Guid pupilId, ConsentCategory category, bool granted, ConsentSource source, Guid? guardian, Guid? staff, DateTimeOffset at)
    {
        var record = new ConsentRecord
        {
            PupilId = pupilId,
            CategoryId = category.Id,
            CategoryName = category.Name,
            Granted = granted,
            Source = source,
            GuardianUserId = guardian,
            StaffUserId = staff,
            RecordedAt = at,
        };
        db.ConsentRecords.Add(record);
        return record;
    }

    private async Task NotifyChangeAsync(IReadOnlyList<Guid> recipients, ConsentRecord record, string child, string category, CancellationToken ct)
    {
        if (recipients.Count == 0)
        {
            return;
        }
        object[] args;
        string body;
        if (record.Source == ConsentSource.Paper)
        {
            body = record.Granted ? "Notify.Paper.Allowed.Body" : "Notify.Paper.Denied.Body";
            args = [category, child];
        }
        else
        {
            body = record.Granted ? "Notify.Allowed.Body" : "Notify.Denied.Body";
            args = [await GuardianNameAsync(record.GuardianUserId!.Value, ct), category, child];
        }
        await notifier.NotifyAsync(recipients, new NotificationContent(
            ChangedKind, typeof(ConsentText), "Notify.Changed.Title", [child], body, args,
            ConsentLinks.Child(record.PupilId), SourceId: record.PupilId), ct);
    }

    private async Task<string> GuardianNameAsync(Guid userId, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => u.FullName)
            .FirstOrDefaultAsync(ct) ?? "";
}

/// <summary>Paths of the consent pages that notifications link to.</summary>
public static class ConsentLinks
{
    public static string Child(Guid pupilId) => $"/toestemming/kind/{pupilId}";
    public const string Confirm = "/toestemming/bevestigen";
}

/// <summary>Resource anchor for consent texts rendered outside a page (notifications, default category names).</summary>
public sealed class ConsentText;
