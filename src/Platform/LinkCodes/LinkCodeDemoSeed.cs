using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Schools;
using Schoolplein.Platform.Seeding;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.LinkCodes;

/// <summary>
/// A koppelcode for every demo pupil, derived from the pupil's key so a printed demo letter
/// works on every fresh demo. Pupils that already have a code keep it.
/// </summary>
public sealed class LinkCodeDemoSeed(TimeProvider time) : IDemoSeedStep
{
    /// <summary>The demo pupil whose code run.sh prints.</summary>
    public const string ExampleSchool = "regenboog";
    public const string ExamplePupilKey = "R1001";

    public int Order => 10;

    public static string CodeFor(string slug, string pupilKey) => LinkCodeFormat.FromSeed($"{slug}/{pupilKey}");

    public async Task SeedAsync(TenantScope scope, DemoData.School school, CancellationToken ct)
    {
        var db = scope.Get<SchoolpleinDb>();
        var codes = scope.Get<LinkCodeService>();
        var settings = await scope.Get<TenantSettingsStore<SchoolSettings>>().GetAsync(ct);
        var pupils = await db.Pupils.AsNoTracking()
            .Where(p => p.ExternalKey != null && p.ArchivedAt == null && !db.Set<LinkCode>().Any(c => c.PupilId == p.Id))
            .Select(p => new { p.Id, p.ExternalKey })
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var pupil in pupils)
        {
            await codes.AddCodeAsync(pupil.Id, CodeFor(school.Slug, pupil.ExternalKey!), settings, now, ct);
        }
        await db.SaveChangesAsync(ct);
    }
}
