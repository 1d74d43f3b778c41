using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Conferences;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Profiles;

/// <summary>
/// Two schools (alfa, bravo) for the profile and account settings. The security stamp is
/// checked on every request (interval zero), standing in for "after the interval has passed",
/// and uploads are capped at 300 KB so an oversize photo is cheap to make.
/// </summary>
public class ProfileApp : SchoolApp
{
    public const int MaxUploadBytes = 300 * 1024;

    public SchoolHandle A { get; private set; } = null!;
    public SchoolHandle B { get; private set; } = null!;

    private int _counter;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Identity:SecurityStampMinutes"] = "0";
        settings["Images:MaxInputBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        A = await CreateSchoolAsync("alfa", "Basisschool Alfa", modules: [SchoolModules.Calendar, SchoolModules.Comments]);
        B = await CreateSchoolAsync("bravo", "Kindcentrum Bravo", modules: [SchoolModules.Calendar, SchoolModules.Comments]);
    }

    /// <summary>A unique address per call, so tests never read each other's mail.</summary>
    public string NewEmail(string who = "ouder") => $"{who}{Interlocked.Increment(ref _counter)}.{Guid.NewGuid().ToString("N")[..6]}@ouders.test";

    public Task<long> CountAsync(string sql, params object[] parameters) => Database.ScalarAsync<long>(sql, parameters);

    /// <summary>A parent with a child in the group; returns the parent's id.</summary>
    public async Task<(Guid Parent, Guid Child)> ParentWithChildAsync(SchoolHandle school, Guid? group, string email, string childName)
    {
        var parent = await school.AddUserAsync(email, Roles.Parent);
        var child = await school.AddPupilAsync(group, childName, "Kind");
        await school.LinkGuardianAsync(child, parent);
        return (parent, child);
    }

    public static Task<HttpResponseMessage> UploadPhotoAsync(HttpClient client, byte[] content, string fileName = "foto.jpg", string contentType = "image/jpeg")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "Photo", fileName);
        return client.PostMultipartAsync("/Account/Settings/Profile?handler=Photo", form, "/Account/Settings/Profile");
    }

    public static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>The link in a mail's plain text part that starts with the given path.</summary>
    public static string LinkIn(MimeKit.MimeMessage mail, string path)
    {
        var match = Regex.Match(mail.TextBody ?? "", @"https?://[^\s]+" + Regex.Escape(path) + @"[^\s]*");
        Assert.True(match.Success, $"no {path} link in: {mail.TextBody}");
        return new Uri(match.Value).PathAndQuery;
    }

    public Task AddNotificationAsync(SchoolHandle school, Guid userId, string title) =>
        InSchoolAsync(school.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            db.Notifications.Add(new Notification { UserId = userId, Kind = "test.kind", Title = title, Body = title + " (tekst)", Link = "/", CreatedAt = Now });
            await db.SaveChangesAsync();
        });

    /// <summary>An all-day event with places, created by the school admin, and the user signed up for it.</summary>
    public Task<Guid> SignUpForEventAsync(SchoolHandle school, Guid adminId, Guid groupId, Guid userId, string title) =>
        InSchoolAsync(school.Id, async scope =>
        {
            var calendar = scope.Get<CalendarService>();
            var day = Today.AddDays(30);
            var saved = await calendar.SaveAsync(null, new EventDraft(title, null, null, new EventSchedule(true, day, day, null, null), [groupId], 5),
                scope.ActAs(adminId, Roles.SchoolAdmin), CancellationToken.None);
            Assert.Empty(saved.Problems);
            var id = saved.Value;
            Assert.True((await calendar.SignUpAsync(id, userId, CancellationToken.None)).Succeeded);
            return id;
        });

    /// <summary>A conference round for the group with one teacher's evening, and the parent booking the first slot for the child.</summary>
    public Task<Guid> BookConferenceAsync(SchoolHandle school, Guid adminId, Guid teacherId, Guid groupId, Guid parentId, Guid childId) =>
        InSchoolAsync(school.Id, async scope =>
        {
            var planning = scope.Get<ConferencePlanning>();
            var created = await planning.CreateRoundAsync(new RoundDraft(
                "Oudergesprekken", "Lokaal 3", null, 10, Now.AddHours(-1), Now.AddDays(7), false, false, [groupId]), adminId, default);
            Assert.Empty(created.Problems);
            var round = created.Value;
            var day = Today.AddDays(10);
            var window = await planning.AddWindowAsync(round, teacherId, day, new TimeRange(new(19, 0), new(20, 0)), [], default);
            Assert.Empty(window.Problems);
            var slot = await Database.ScalarAsync<Guid>("SELECT id FROM conference_slots WHERE round_id = $1 ORDER BY starts_at LIMIT 1", round);
            var booked = await scope.Get<ConferenceBookings>().BookAsync(parentId, childId, slot, default);
            Assert.True(booked.Succeeded, booked.Error);
            return booked.Value!.BookingId;
        });
}
