using Schoolplein.Platform.Absence;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Conferences;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Leave;
using Schoolplein.Platform.Questions;
using Schoolplein.Platform.Timeline;
using Schoolplein.Tenant.Web.Tests.Administration;
using Schoolplein.Testing;

namespace Schoolplein.Tenant.Web.Tests.MalformedInput;

/// <summary>
/// <see cref="AdministrationApp"/> (Monday 30 November 2026, 07:30) with something on every page,
/// so every form is rendered: Daan reported sick, a leave request for Noor waiting for a decision and one forwarded to the leerplichtambtenaar,
/// a calendar event with places, an open conference round with juf Lisa's evening, a question of
/// Noor's parent and a post of juf Lisa with a comment, a booked and a blocked conference slot and a
/// school-defined leave type.
/// </summary>
public class MalformedInputApp : AdministrationApp
{
    public Guid AbsenceReport { get; private set; }
    public Guid LeaveRequest { get; private set; }
    /// <summary>A request sent to the leerplichtambtenaar, so the form that records the officer's decision is rendered.</summary>
    public Guid ForwardedLeaveRequest { get; private set; }
    public Guid Event { get; private set; }
    public Guid Round { get; private set; }
    public Guid Conversation { get; private set; }
    public Guid Post { get; private set; }

    /// <summary>
    /// Minimal API binding failures throw, as in Development (the demo): the sweep then sees them in
    /// the request log as the 500s they are there, not only as the 400 production turns them into.
    /// </summary>
    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        AbsenceReport = await InSchoolAsync(A.Id, async scope =>
        {
            var reasons = scope.Get<AbsenceReasons>();
            await reasons.EnsureDefaultsAsync();
            var reason = (await reasons.ReasonsAsync(false)).First(r => !r.PhoneOnly).Id;
            var outcome = await scope.Get<AbsenceReporter>().ReportAsync(Parent, new AbsenceInput(Daan, reason, null, AbsenceUntil.Better, null, null));
            return outcome.Value?.ReportId ?? throw new InvalidOperationException(outcome.Error);
        });
        LeaveRequest = await InSchoolAsync(A.Id, async scope =>
        {
            var outcome = await scope.Get<LeaveRequester>().SubmitAsync(Parent, new LeaveInput(
                LeaveKind.ImportantCircumstances, null, new DateOnly(2027, 3, 8), new DateOnly(2027, 3, 9), "Bruiloft van een oom", [Noor], null), save: true);
            return outcome.Value?.RequestId ?? throw new InvalidOperationException(outcome.Error);
        });
        ForwardedLeaveRequest = await InSchoolAsync(A.Id, async scope =>
        {
            var outcome = await scope.Get<LeaveRequester>().SubmitAsync(Parent, new LeaveInput(
                LeaveKind.ImportantCircumstances, null, new DateOnly(2027, 4, 12), new DateOnly(2027, 4, 13), "Begrafenis van een tante", [Noor], null), save: true);
            var id = outcome.Value?.RequestId ?? throw new InvalidOperationException(outcome.Error);
            var forwarded = await scope.Get<LeaveDecider>().ForwardAsync(Admin, id);
            return forwarded is { Succeeded: true } ? id : throw new InvalidOperationException(forwarded?.Error);
        });
        await InSchoolAsync(A.Id, async scope =>
        {
            var day = new DateOnly(2026, 12, 10);
            var saved = await scope.Get<CalendarService>().SaveAsync(null, new EventDraft(
                "Kerstknutselen", "Hulpouders gezocht", "Aula", new EventSchedule(false, day, day, new TimeOnly(10, 0), new TimeOnly(11, 30)), [G34], 4),
                scope.ActAs(Lisa, Roles.Teacher), default);
            Assert(saved.Problems.Select(p => p.Key).ToList());
        });
        Event = await Database.ScalarAsync<Guid>("SELECT id FROM calendar_events WHERE tenant_id = $1 AND title = 'Kerstknutselen'", A.Id);
        Round = await InSchoolAsync(A.Id, async scope =>
        {
            var planning = scope.Get<ConferencePlanning>();
            var created = await planning.CreateRoundAsync(new RoundDraft(
                "Rapportgesprekken", "Lokaal 3", null, 10, Now.AddHours(-1), Now.AddDays(7), false, false, [G34, G5]), Admin, default);
            Assert(created.Problems.Select(e => e.Key).ToList());
            var window = await planning.AddWindowAsync(created.Value, Lisa, new DateOnly(2026, 12, 10), new TimeRange(new(19, 0), new(20, 0)), [], default);
            Assert(window.Problems.Select(e => e.Key).ToList());
            return created.Value;
        });
        // Noor's parent books juf Lisa's first slot; her last one is blocked.
        var slots = await Database.ScalarAsync<long>("SELECT count(*) FROM conference_slots WHERE round_id = $1", Round);
        var first = await Database.ScalarAsync<Guid>("SELECT id FROM conference_slots WHERE round_id = $1 ORDER BY starts_at LIMIT 1", Round);
        var last = await Database.ScalarAsync<Guid>("SELECT id FROM conference_slots WHERE round_id = $1 ORDER BY starts_at DESC LIMIT 1", Round);
        await InSchoolAsync(A.Id, async scope =>
        {
            var booked = await scope.Get<ConferenceBookings>().BookAsync(Parent, Noor, first, default);
            Assert(booked.Problems.Select(e => e.Key).ToList());
            Assert((await scope.Get<ConferencePlanning>().SetBlockedAsync(last, true, default)).Problems.Select(e => e.Key).ToList());
        });
        if (slots < 3)
        {
            throw new InvalidOperationException("The round has too few slots.");
        }
        await InSchoolAsync(A.Id, async scope =>
        {
            var db = scope.Get<Schoolplein.Platform.Persistence.SchoolpleinDb>();
            db.Add(new LeaveType { Name = "Religieuze feestdag", CreatedAt = Now });
            await db.SaveChangesAsync();
        });
        Conversation = await InSchoolAsync(A.Id, async scope =>
        {
            var outcome = await scope.Get<QuestionService>().StartAsync(Parent, new QuestionInput(Noor, "Gym", "Heeft Noor morgen gym?", null));
            return outcome.Value;
        });
        Post = await InSchoolAsync(A.Id, async scope =>
        {
            var result = await scope.Get<TimelineService>().PublishAsync(new PostDraft(
                "Naar het bos", "Morgen gaan we naar het bos.", false, [G34], false, false, true, true, [], []), scope.ActAs(Lisa, Roles.Teacher), default);
            Assert(result.Problems.Select(p => p.Key).ToList());
            return result.Value;
        });
        await InSchoolAsync(A.Id, async scope =>
        {
            var outcome = await scope.Get<PostInteractions>().CommentAsync(scope.ActAs(Parent, Roles.Parent), Post, "Leuk!", default);
            Assert(outcome is null ? ["not found"] : outcome.Problems.Select(p => p.Key).ToList());
        });
    }

    private static void Assert(IReadOnlyList<string> errors)
    {
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(", ", errors));
        }
    }
}
