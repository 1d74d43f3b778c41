using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Seeding;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Consent;

/// <summary>
/// Demo consent: the default categories and answers imported "from the old portal" for most
/// children. The demo parent's children are left partly open so the demo can show choosing:
/// Noor (groep 3/4) has answers for the portal and the website, Daan none at all.
/// </summary>
public sealed class ConsentDemoSeedStep(TimeProvider time) : IDemoSeedStep
{
    public int Order => 40;

    private static readonly HashSet<string> LeftOpen = ["R1002"];
    private static readonly HashSet<string> PartlyAnswered = ["R1001"];

    public async Task SeedAsync(TenantScope scope, DemoData.School school, CancellationToken ct)
    {
        var db = scope.Get<SchoolpleinDb>();
        await scope.Get<ConsentService>().EnsureDefaultCategoriesAsync(ct, code => DeterministicGuid.Create($"{school.Slug}/consent-category/{code}"));
        if (await db.ConsentRecords.AnyAsync(ct))
        {
            return;
        }
        var categories = await db.ConsentCategories.AsNoTracking().Where(c => c.Code != null).ToDictionaryAsync(c => c.Code!, ct);
        var importedAt = time.GetUtcNow().AddDays(-60);
        var random = new Random(school.Slug == "regenboog" ? 4041 : 4042);
        foreach (var family in school.Families)
        {
            foreach (var child in family.Children)
            {
                if (LeftOpen.Contains(child.Key))
                {
                    continue;
                }
                var pupilId = DeterministicGuid.Create($"{school.Slug}/pupil/{child.Key}");
                var parent = family.Parents[0];
                var parentId = DeterministicGuid.Create($"{school.Slug}/user/{parent.Email.ToLowerInvariant()}");
                var codes = PartlyAnswered.Contains(child.Key)
                    ? [ConsentCategoryCodes.Portal, ConsentCategoryCodes.Website]
                    : ConsentCategoryCodes.Defaults;
                foreach (var code in codes)
                {
                    // About one in eight answers missing, and social media and press denied more often, as in real schools.
                    var roll = random.Next(100);
                    if (!PartlyAnswered.Contains(child.Key) && roll < 12)
                    {
                        continue;
                    }
                    var denyChance = code is ConsentCategoryCodes.SocialMedia or ConsentCategoryCodes.Press ? 45 : 10;
                    var granted = PartlyAnswered.Contains(child.Key) || random.Next(100) >= denyChance;
                    db.ConsentRecords.Add(new ConsentRecord
                    {
                        Id = DeterministicGuid.Create($"{school.Slug}/consent/{child.Key}/{code}"),
                        PupilId = pupilId,
                        CategoryId = categories[code].Id,
                        CategoryName = categories[code].Name,
                        Granted = granted,
                        GuardianUserId = parentId,
                        Source = ConsentSource.Import,
                        RecordedAt = importedAt,
                    });
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
