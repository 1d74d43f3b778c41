using Schoolplein.Testing;
using Schoolplein.Testing.MalformedInput;
using Xunit;
using Xunit.Abstractions;

namespace Schoolplein.Tenant.Web.Tests.MalformedInput;

/// <summary>
/// Issue 14, part 2, for the school app: every date, time, number, enum and id parameter of every
/// page, form and API answers extreme and malformed values with a message or a 400/404, never a
/// 500, and nothing out of range is stored (<see cref="MalformedInputSweep"/>). The users are an
/// admin, a teacher, a parent and a visitor of a school with something on every page.
/// </summary>
public sealed class MalformedInputSweepTests(MalformedInputApp app, ITestOutputHelper output) : IClassFixture<MalformedInputApp>
{
    /// <summary>String parameters the school app parses (read from the pages).</summary>
    public static readonly IReadOnlyDictionary<string, InputKind> ParsedStrings = new Dictionary<string, InputKind>
    {
        ["/agenda month"] = InputKind.Month,
        ["/beheer/verlof/export.csv from"] = InputKind.Date,
        ["/beheer/verlof/export.csv to"] = InputKind.Date,
        ["/ after"] = InputKind.Cursor,
        // The child switcher: a pupil id, or "alle".
        ["/kind/{pupilId} pupilId"] = InputKind.Guid,
        ["/groepen/{groupId:guid}/fotos after"] = InputKind.Cursor,
        ["/gesprekken/rondes/{id:guid}/rooster date"] = InputKind.Date,
        ["/gesprekken/rondes/{id:guid} date"] = InputKind.Date,
        ["/gesprekken/rondes/{id:guid} start"] = InputKind.Time,
        ["/beheer/afwezigheid/instellingen cutOff"] = InputKind.Time,
        ["/beheer/vragen officeStart"] = InputKind.Time,
        ["/beheer/vragen officeEnd"] = InputKind.Time,
        ["/beheer/medewerkers/{id:guid} role"] = InputKind.Choice,
        ["/beheer/meldingen-bezorging channel"] = InputKind.Choice,
        ["/toestemming answer"] = InputKind.Choice,
        ["/toestemming/groep/{groupId:guid} zonder"] = InputKind.Choice,
        ["/nieuws/{id:guid}/gelezen sent"] = InputKind.Choice,
        ["/profielfoto/{userId:guid} size"] = InputKind.Choice,
        ["/Account/Language language"] = InputKind.Choice,
        ["Calendar.EventForm.StartDate"] = InputKind.Date,
        ["Calendar.EventForm.EndDate"] = InputKind.Date,
        ["Calendar.EventForm.RepeatUntil"] = InputKind.Date,
        ["Calendar.EventForm.StartTime"] = InputKind.Time,
        ["Calendar.EventForm.EndTime"] = InputKind.Time,
        ["Calendar.EventForm.Capacity"] = InputKind.Number,
        ["Conferences.NewRoundModel.RoundForm.SlotMinutes"] = InputKind.Number,
        ["Conferences.NewRoundModel.RoundForm.OpensDate"] = InputKind.Date,
        ["Conferences.NewRoundModel.RoundForm.OpensTime"] = InputKind.Time,
        ["Conferences.NewRoundModel.RoundForm.ClosesDate"] = InputKind.Date,
        ["Conferences.NewRoundModel.RoundForm.ClosesTime"] = InputKind.Time,
        ["Conferences.RoundModel.WindowForm.Date"] = InputKind.Date,
        ["Conferences.RoundModel.WindowForm.Start"] = InputKind.Time,
        ["Conferences.RoundModel.WindowForm.End"] = InputKind.Time,
        ["Conferences.RoundModel.WindowForm.Breaks"] = InputKind.TimeRanges,
        ["Roster.PupilInput.DateOfBirth"] = InputKind.Date,
        ["Roster.GroupInput.SchoolYear"] = InputKind.SchoolYear,
        ["Schools.SettingsModel.MaxUses"] = InputKind.Number,
        ["Schools.SettingsModel.ValidDays"] = InputKind.Number,
        ["Schools.SettingsModel.EscalationMinutes"] = InputKind.Number,
        ["Schools.SettingsModel.QuietStart"] = InputKind.Time,
        ["Schools.SettingsModel.QuietEnd"] = InputKind.Time,
        ["Roster.StaffModel.Role"] = InputKind.Choice,
        ["Consent.CategoryInput.SortOrder"] = InputKind.Number,
        ["Consent.CategoryInput.LockDate"] = InputKind.Date,
        ["Consent.ChildModel.PaperInput.Answer"] = InputKind.Choice,
        ["Leave.NewModel.RequestForm.Type"] = InputKind.Choice,
        ["Account.Settings.PreferencesModel.Digest"] = InputKind.Choice,
        ["Account.Settings.PreferencesModel.Language"] = InputKind.Choice,
        ["Account.Settings.PreferencesModel.Channels"] = InputKind.Choice,
    };

    /// <summary>Strings named like dates or numbers that hold free text.</summary>
    public static readonly IReadOnlySet<string> FreeText = new HashSet<string>
    {
        // Checked as a phone number (digits, spaces, +, -), never turned into a number.
        "Account.PersonInput.PhoneNumber",
        "Account.Settings.ProfileModel.PhoneNumber",
        // "1/2", "3": shown as typed (at most 20 characters).
        "Roster.GroupInput.YearLevels",
    };

    private InputInventory Inventory() => InputInventory.Of(app.Services, ParsedStrings, FreeText);

    [Fact]
    public void EveryParameterHasATypeTheSweepKnowsHowToAttack()
    {
        var inventory = Inventory();
        Assert.True(inventory.Unknown.Count == 0, "Parameters the sweep cannot attack:\n" + string.Join("\n", inventory.Unknown));
        Assert.Contains(inventory.Fields, f => f.Target.Route == "/beheer/schoolkalender" && f.Name == "input.End" && f.Kind == InputKind.Date);
        Assert.Contains(inventory.Fields, f => f.Target.Route == "/agenda" && f.Name == "month" && f.Kind == InputKind.Month);
        Assert.Contains(inventory.Fields, f => f.Target.Route == "/beheer/afwezigheid" && f.Name == "week" && f.Source == InputSource.Query);
        Assert.Contains(inventory.Fields, f => f.Target.Route == "/beheer/verlof/export.csv" && f.Name == "from" && f.Source == InputSource.Query);
        Assert.Contains(inventory.Fields, f => f.Target.Route == "/verlof/aanvragen" && f.Name == "Input.Start" && f.Source == InputSource.Form);
        Assert.Contains(inventory.Fields, f => f.Target.Route == "/agenda/{id:guid}" && f.Name == "id" && f.Source == InputSource.Route);
    }

    [Fact]
    public async Task EveryDateTimeNumberEnumAndIdParameterSurvivesExtremeAndMalformedValues()
    {
        var users = new List<SweepUser>
        {
            new("directie@zon.test", await app.SignedInAsync("zon", "directie@zon.test"), "/Account/Settings/Preferences"),
            new("lisa@zon.test", await app.SignedInAsync("zon", "lisa@zon.test"), "/Account/Settings/Preferences"),
            new("ouder@zon.test", await app.SignedInAsync("zon", "ouder@zon.test"), "/Account/Settings/Preferences"),
            new("anonymous", app.ClientFor("zon"), "/Account/SignIn"),
        };
        var sweep = new MalformedInputSweep(app.Services, app.Database.SuperuserConnectionString, app.Logs, output.WriteLine)
        {
            Valid = Valid(),
            // Clear of what the valid forms made: another window, slot, absence and category name.
            AttackWith = new Dictionary<string, Dictionary<string, string>>
            {
                ["/gesprekken/rondes/{id:guid}?handler=AddWindow"] = new() { ["Window.Date"] = "2026-12-14" },
                ["/gesprekken/rondes/{id:guid}?handler=AddSlot"] = new() { ["start"] = "20:30" },
                ["/afwezigheid"] = new() { ["Input.FromDate"] = "2026-12-07", ["Input.ToDate"] = "2026-12-08" },
                ["/beheer/toestemming?handler=Add"] = new() { ["Input.Name"] = "Voorleesproject" },
            },
        };
        // The fixture's things: a month grid or an empty list need not link to them.
        string[] starts =
        [
            $"/agenda/{app.Event}", $"/agenda/{app.Event}/bewerken", $"/verlof/{app.LeaveRequest}", $"/beheer/verlof/{app.LeaveRequest}", $"/beheer/verlof/{app.ForwardedLeaveRequest}",
            $"/afwezigheid/{app.AbsenceReport}/beter", $"/gesprekken/rondes/{app.Round}", $"/vragen/{app.Conversation}", $"/nieuws/{app.Post}",
        ];
        var failures = await sweep.RunAsync(Inventory(), users, starts);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private Dictionary<string, string> Leave() => new()
    {
        ["Input.PupilIds"] = app.Noor.ToString(), ["Input.Type"] = "ImportantCircumstances", ["Input.Start"] = "2027-03-15",
        ["Input.End"] = "2027-03-16", ["Input.Reason"] = "Uitvaart van opa",
    };

    /// <summary>
    /// Valid values the rendered forms leave empty (a child, the dates of a leave request …), per
    /// "{route}" or "{route}?handler={name}"; an empty set: the form as rendered is valid. Each must be
    /// accepted when posted unchanged after its attacks.
    /// </summary>
    private Dictionary<string, Dictionary<string, string>> Valid() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["/afwezigheid"] = new()
        {
            ["Input.PupilId"] = app.Noor.ToString(), ["Input.FromDate"] = "2026-12-01", ["Input.Until"] = "Date", ["Input.ToDate"] = "2026-12-02",
        },
        ["/verlof/aanvragen?handler=Check"] = Leave(),
        ["/verlof/aanvragen"] = Leave(),
        ["/agenda/nieuw"] = new()
        {
            ["Form.Title"] = "Voorleesochtend", ["Form.StartDate"] = "2026-12-11", ["Form.StartTime"] = "09:00", ["Form.EndTime"] = "10:00",
            ["Form.GroupIds"] = app.G34.ToString(),
        },
        ["/gesprekken/rondes/nieuw"] = new() { ["Form.Title"] = "Startgesprekken", ["Form.GroupIds"] = app.G5.ToString() },
        ["/gesprekken/rondes/{id:guid}?handler=AddWindow"] = new() { ["Window.Date"] = "2026-12-11", ["Window.Start"] = "19:00", ["Window.End"] = "20:00" },
        ["/gesprekken/rondes/{id:guid}?handler=AddSlot"] = new() { ["date"] = "2026-12-10", ["start"] = "20:00" },
        ["/beheer/schoolkalender"] = new() { ["Name"] = "Extra studiedag", ["Kind"] = "StudyDay", ["Start"] = "2027-05-14" },
        ["/beheer/toestemming?handler=Add"] = new() { ["Input.Name"] = "Schoolkrant" },
        ["/beheer/leerlingen?handler=Create"] = new() { ["Input.FirstName"] = "Fenna", ["Input.LastName"] = "Smit" },
        ["/beheer/groepen"] = new() { ["Input.Name"] = "Groep 8", ["Input.SchoolYear"] = "2026-2027" },
        ["/beheer/afwezigheid/instellingen?handler=Settings"] = new() { ["cutOff"] = "08:30" },
        ["/beheer/verlof/instellingen?handler=Settings"] = new() { ["leadTimeWeeks"] = "8" },
        ["/beheer/verlof/{id:guid}?handler=Officer"] = new()
        {
            ["Officer.Decision"] = "Approve", ["Officer.DecidedOn"] = app.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Officer.Reference"] = "LPA-2026-1",
        },
        ["/beheer/vragen"] = new() { ["officeStart"] = "08:00", ["officeEnd"] = "17:00" },
        ["/beheer/instellingen"] = [],
        ["/agenda/{id:guid}/bewerken"] = [],
    };
}
