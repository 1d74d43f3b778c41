using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Seeding;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Conferences;

/// <summary>
/// A conference round for Groep 3/4 of De Regenboog with open slots, bookable now: the two
/// teachers of the group each have a window next week, so a parent can book on the running demo.
/// </summary>
public sealed class ConferenceDemoSeed(TimeProvider time) : IDemoSeedStep
{
    public const string RoundTitle = "Oudergesprekken groep 3/4";

    public int Order => 110;

    public async Task SeedAsync(TenantScope scope, DemoData.School school, CancellationToken ct)
    {
        if (school.Slug != "regenboog")
        {
            return;
        }
        var db = scope.Get<SchoolpleinDb>();
        if (await db.Set<ConferenceRound>().AnyAsync(r => r.Title == RoundTitle, ct))
        {
            return;
        }
        var zone = scope.Tenant.TimeZoneInfo;
        var now = time.GetUtcNow();
        var today = SchoolTime.LocalDate(now, zone);
        var group = DeterministicGuid.Create("regenboog/group/g34");
        var admin = DeterministicGuid.Create("regenboog/user/directie@regenboog.test");
        var planning = scope.Get<ConferencePlanning>();
        var created = await planning.CreateRoundAsync(new RoundDraft(
            RoundTitle, "Lokaal groep 3/4", null, 10,
            now.AddDays(-1), SchoolTime.ToInstant(today.AddDays(14), new TimeOnly(23, 59), zone),
            SiblingsBookEarly: true, SeparateGuardianBookings: false, [group]), admin, ct);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Demo round invalid: " + string.Join(", ", created.Problems.Select(p => p.Key)));
        }
        var id = created.Value;
        var tuesday = today.AddDays(1);
        while (tuesday.DayOfWeek != DayOfWeek.Tuesday)
        {
            tuesday = tuesday.AddDays(1);
        }
        tuesday = tuesday.AddDays(7);
        var windows = new (string Email, DateOnly Date)[]
        {
            ("lisanne.mulder@regenboog.test", tuesday),
            ("joyce.pinas@regenboog.test", tuesday.AddDays(2)),
        };
        foreach (var (email, date) in windows)
        {
            var teacher = DeterministicGuid.Create($"regenboog/user/{email}");
            var added = await planning.AddWindowAsync(id, teacher, date,
                new TimeRange(new(15, 0), new(17, 0)), [new TimeRange(new(16, 0), new(16, 10))], ct);
            if (!added.Succeeded)
            {
                throw new InvalidOperationException("Demo window invalid: " + string.Join(", ", added.Problems.Select(e => e.Key)));
            }
        }
    }
}
