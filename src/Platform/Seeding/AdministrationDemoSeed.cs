using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Absence;
using Schoolplein.Platform.Leave;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Questions;
using Schoolplein.Platform.SchoolCalendar;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Seeding;

/// <summary>
/// Demo data for absence, leave and questions: the 2026-2027 holidays (regio midden, summer
/// holidays on both ends so the school year 2027-2028 start is known), absence reasons with a
/// phone-only corona reason, the school's words on the question page, leave settings, one
/// pending leave request and one question to the Groep 3/4 duo.
/// </summary>
public sealed class AdministrationDemoSeed(TimeProvider time) : IDemoSeedStep
{
    public int Order => 110;

    private static readonly (string Key, string Name, ClosureKind Kind, string Start, string End)[] Closures =
    [
        ("zomer-2026", "Zomervakantie 2026", ClosureKind.SummerHoliday, "2026-07-18", "2026-08-30"),
        ("studiedag-1", "Studiedag", ClosureKind.StudyDay, "2026-10-05", "2026-10-05"),
        ("herfst-2026", "Herfstvakantie", ClosureKind.Holiday, "2026-10-17", "2026-10-25"),
        ("kerst-2026", "Kerstvakantie", ClosureKind.Holiday, "2026-12-19", "2027-01-03"),
        ("studiedag-2", "Studiedag", ClosureKind.StudyDay, "2027-02-19", "2027-02-19"),
        ("voorjaar-2027", "Voorjaarsvakantie", ClosureKind.Holiday, "2027-02-20", "2027-02-28"),
        ("pasen-2027a", "Goede Vrijdag", ClosureKind.Holiday, "2027-03-26", "2027-03-26"),
        ("pasen-2027b", "Tweede Paasdag", ClosureKind.Holiday, "2027-03-29", "2027-03-29"),
        ("mei-2027", "Meivakantie (met Koningsdag)", ClosureKind.Holiday, "2027-04-24", "2027-05-02"),
        ("hemelvaart-2027", "Hemelvaart", ClosureKind.Holiday, "2027-05-06", "2027-05-07"),
        ("pinksteren-2027", "Tweede Pinksterdag", ClosureKind.Holiday, "2027-05-17", "2027-05-17"),
        ("studiedag-3", "Studiedag", ClosureKind.StudyDay, "2027-06-14", "2027-06-14"),
        ("zomer-2027", "Zomervakantie 2027", ClosureKind.SummerHoliday, "2027-07-17", "2027-08-29"),
    ];

    public async Task SeedAsync(TenantScope scope, DemoData.School school, CancellationToken ct)
    {
        var db = scope.Get<SchoolpleinDb>();
        var tenantId = scope.Tenant.Id;
        var now = time.GetUtcNow();
        Guid Id(string key) => DeterministicGuid.Create($"{school.Slug}/{key}");
        var existing = await db.Set<SchoolClosure>().Select(c => c.Id).ToListAsync(ct);
        foreach (var c in Closures.Where(c => !existing.Contains(Id("closure/" + c.Key))))
        {
            db.Add(new SchoolClosure
            {
                Id = Id("closure/" + c.Key),
                Name = c.Name,
                Kind = c.Kind,
                StartDate = DateOnly.Parse(c.Start, CultureInfo.InvariantCulture),
                EndDate = DateOnly.Parse(c.End, CultureInfo.InvariantCulture),
                CreatedAt = now,
            });
        }

        if (!await db.Set<AbsenceReason>().AnyAsync(ct))
        {
            db.AddRange(AbsenceReason.DefaultCodes.Select((code, i) => new AbsenceReason { Id = Id("reason/" + code), Code = code, SortOrder = i * 10, CreatedAt = now }));
            db.Add(new AbsenceReason { Id = Id("reason/corona"), Name = "Corona (of vermoeden daarvan)", PhoneOnly = true, SortOrder = 25, CreatedAt = now });
        }
        if (!await db.Set<AbsenceSettings>().AnyAsync(ct))
        {
            db.Add(new AbsenceSettings
            {
                TenantId = tenantId,
                PhoneOnlyExplanation = "Bij (vermoedelijke) corona overleggen we graag even met je, bijvoorbeeld over broertjes en zusjes en de opvang. Wil je ons bellen tussen 7.45 en 8.30 uur?",
                ChildcareEmail = $"bso@{school.Slug}.test",
                UpdatedAt = now,
            });
            // A few children use the kindcentrum's BSO, so their reports also go to the childcare contact.
            db.AddRange(school.Families.SelectMany(f => f.Children).Take(6)
                .Select(c => new ChildcareEnrolment { PupilId = Id("pupil/" + c.Key), CreatedAt = now }));
        }
        if (!await db.Set<QuestionSettings>().AnyAsync(ct))
        {
            db.Add(new QuestionSettings
            {
                TenantId = tenantId,
                Intro = "Via Schoolplein kun je de leerkracht een korte vraag stellen. Gaat het om iets belangrijks of dringends? Bel ons dan, of spreek de leerkracht aan op het schoolplein.",
                UpdatedAt = now,
            });
        }
        if (!await db.Set<LeaveSettings>().AnyAsync(ct))
        {
            db.Add(new LeaveSettings { TenantId = tenantId, AttendanceOfficerEmail = $"leerplicht@gemeente-{school.Slug}.test", UpdatedAt = now });
            db.Add(new LeaveType { Id = Id("leavetype/religious"), Name = "Religieuze feestdag (art. 11e)", CreatedAt = now });
        }
        await db.SaveChangesAsync(ct);
        await SeedExamplesAsync(db, school, now, ct);
    }

    private static async Task SeedExamplesAsync(SchoolpleinDb db, DemoData.School school, DateTimeOffset now, CancellationToken ct)
    {
        // A question from a parent of Groep 3/4 (the duo group) and a pending request for gewichtige omstandigheden.
        var family = school.Families.Skip(1).First();
        var parentId = DeterministicGuid.Create($"{school.Slug}/user/{family.Parents[0].Email.ToLowerInvariant()}");
        var child = family.Children[0];
        var pupilId = DeterministicGuid.Create($"{school.Slug}/pupil/{child.Key}");
        var conversationId = DeterministicGuid.Create($"{school.Slug}/conversation/1");
        if (!await db.Set<Conversation>().AnyAsync(c => c.Id == conversationId, ct))
        {
            var asked = now.AddHours(-20);
            db.Add(new Conversation
            {
                Id = conversationId, PupilId = pupilId, StartedById = parentId, Subject = "Voorleesochtend", CreatedAt = asked, LastMessageAt = asked,
                Messages =
                [
                    new ConversationMessage
                    {
                        Id = DeterministicGuid.Create($"{school.Slug}/conversation/1/message/1"), AuthorId = parentId, CreatedAt = asked,
                        Body = $"Hallo juf, {child.FirstName} vertelde over een voorleesochtend. Mogen ouders daarbij helpen? Ik kan op woensdag.",
                    },
                ],
            });
        }
        var requestId = DeterministicGuid.Create($"{school.Slug}/leave/1");
        if (!await db.Set<LeaveRequest>().AnyAsync(r => r.Id == requestId, ct))
        {
            var days = new SchoolDays(Closures.Select(c => new Closure(
                DateOnly.Parse(c.Start, CultureInfo.InvariantCulture), DateOnly.Parse(c.End, CultureInfo.InvariantCulture), c.Kind)));
            var start = DateOnly.FromDateTime(now.UtcDateTime).AddDays(14);
            while (start.DayOfWeek != DayOfWeek.Wednesday || days.Count(start, start.AddDays(2)) != 3)
            {
                start = start.AddDays(1);
            }
            db.Add(new LeaveRequest
            {
                Id = requestId, Kind = LeaveKind.ImportantCircumstances, StartDate = start, EndDate = start.AddDays(2), SchoolDays = 3,
                Reason = "Bruiloft van mijn zus in Rabat; we reizen woensdag heen en zijn vrijdagavond terug.", RequestedById = parentId,
                CreatedAt = now.AddDays(-1), Status = LeaveStatus.Pending, Findings = [LeaveRules.Codes.DirectorDecides],
                Children = [new LeaveRequestChild { LeaveRequestId = requestId, PupilId = pupilId }],
                Events = [new LeaveRequestEvent { Id = DeterministicGuid.Create($"{school.Slug}/leave/1/event/1"), LeaveRequestId = requestId, Action = LeaveEventAction.Requested, ByUserId = parentId, At = now.AddDays(-1) }],
            });
        }
        await db.SaveChangesAsync(ct);
    }
}

public static class AdministrationDemoSeedRegistration
{
    public static IServiceCollection AddAdministrationDemoSeed(this IServiceCollection services) =>
        services.AddScoped<IDemoSeedStep, AdministrationDemoSeed>();
}
