using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Seeding;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Calendar;

/// <summary>Demo events: a few school-wide ones (one with a sign-up) and a weekly gym day for Groep 3/4, relative to today.</summary>
public sealed class CalendarDemoSeed(TimeProvider time) : IDemoSeedStep
{
    public int Order => 100;

    public async Task SeedAsync(TenantScope scope, DemoData.School school, CancellationToken ct)
    {
        var db = scope.Get<SchoolpleinDb>();
        var marker = DeterministicGuid.Create($"{school.Slug}/event/ouderavond");
        if (await db.Set<CalendarEvent>().IgnoreQueryFilters([QueryFilters.SoftDelete]).AnyAsync(e => e.Id == marker, ct))
        {
            return;
        }
        var zone = scope.Tenant.TimeZoneInfo;
        var now = time.GetUtcNow();
        var today = SchoolTime.LocalDate(now, zone);
        DateOnly Next(DayOfWeek day, int weeksAhead)
        {
            var d = today.AddDays(1);
            while (d.DayOfWeek != day)
            {
                d = d.AddDays(1);
            }
            return d.AddDays(7 * weeksAhead);
        }
        var admin = await db.Users.Where(u => u.Email == school.Staff[0].Email).Select(u => u.Id).FirstAsync(ct);
        var firstGroup = school.Groups.Count > 2 ? school.Groups[2] : school.Groups[0];
        var groupId = DeterministicGuid.Create($"{school.Slug}/group/{firstGroup.Key}");

        void Add(string key, string title, string? description, string? location, EventSchedule s, int? capacity = null, Guid? group = null)
        {
            var (startsAt, _) = s.InstantsOn(s.StartDate, zone);
            var (_, endsAt) = s.InstantsOn(s.StartDate, zone);
            var e = new CalendarEvent
            {
                Id = DeterministicGuid.Create($"{school.Slug}/event/{key}"),
                Title = title,
                Description = description,
                Location = location,
                AllDay = s.AllDay,
                StartDate = s.StartDate,
                EndDate = s.EndDate,
                StartTime = s.StartTime,
                EndTime = s.EndTime,
                StartsAt = startsAt,
                EndsAt = endsAt,
                RepeatDays = s.RepeatDays,
                RepeatUntil = s.RepeatUntil,
                LastDate = s.LastDate,
                Capacity = capacity,
                CreatedById = admin,
                CreatedAt = now,
                UpdatedAt = now,
            };
            if (group is { } g)
            {
                e.Groups.Add(new CalendarEventGroup { EventId = e.Id, GroupId = g });
            }
            db.Add(e);
        }

        var evening = Next(DayOfWeek.Thursday, 1);
        Add("ouderavond", "Informatieavond voor ouders", "Uitleg over het schooljaar, de methodes en de oudergesprekken.", "Aula",
            new EventSchedule(false, evening, evening, new TimeOnly(19, 30), new TimeOnly(21, 0)));
        // Within the timeline's "Binnenkort" (two weeks), so the demo shows a sign-up there.
        var trip = Next(DayOfWeek.Friday, 1);
        Add("schoolreis", "Schoolreis", "We zoeken hulpouders die een groepje begeleiden.", "Dierenpark",
            new EventSchedule(true, trip, trip, null, null), capacity: 6);
        var sports = Next(DayOfWeek.Wednesday, 5);
        Add("sportdag", "Sportdag", null, "Sportpark", new EventSchedule(true, sports, sports.AddDays(1), null, null));
        var gym = Next(DayOfWeek.Tuesday, 0);
        Add("gymdag", $"Gymles {firstGroup.Name}", "Gymkleding en gymschoenen mee.", "Gymzaal",
            new EventSchedule(false, gym, gym, new TimeOnly(8, 45), new TimeOnly(9, 30), WeekDays.Tuesday, gym.AddDays(7 * 20)), group: groupId);
        await db.SaveChangesAsync(ct);
    }
}
