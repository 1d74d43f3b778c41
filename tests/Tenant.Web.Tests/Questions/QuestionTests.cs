using System.Net;
using System.Text;
using Schoolplein.Testing;
using Xunit;

using Schoolplein.Tenant.Web.Tests.Administration;

namespace Schoolplein.Tenant.Web.Tests.Questions;

public sealed class QuestionTests(AdministrationApp app) : IClassFixture<AdministrationApp>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    private static Task<HttpResponseMessage> AskAsync(HttpClient client, Guid pupil, string subject, string body, byte[]? file = null)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(pupil.ToString()), "pupilId" },
            { new StringContent(subject), "subject" },
            { new StringContent(body), "body" },
        };
        if (file is not null)
        {
            content.Add(new ByteArrayContent(file), "attachment", "tekening.png");
        }
        return client.PostMultipartAsync("/vragen/nieuw", content);
    }

    private static Task<HttpResponseMessage> ReplyAsync(HttpClient client, Guid conversation, string body) =>
        client.PostMultipartAsync($"/vragen/{conversation}", new MultipartFormDataContent { { new StringContent(body), "body" } });

    private static Guid IdFrom(HttpResponseMessage response) => Guid.Parse(response.Headers.Location!.ToString().Split('/').Last());

    [Fact]
    public async Task AQuestionReachesBothTeachersOfADuoGroupWhoReplyInTheThread()
    {
        app.SetNow("2026-11-30 10:00");
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        using var asked = await AskAsync(parent, app.Noor, "Gymschoenen", "Moet Noor morgen gymschoenen meenemen?", Png);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var id = IdFrom(asked);

        // Both teachers of Groep 3/4 are notified (in-app and mail); the teacher of Groep 5 is not.
        Assert.Equal(2L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE kind = 'question.asked' AND source_id = $1 AND user_id = ANY($2)", id, new[] { app.Lisa, app.Joyce }));
        Assert.Equal(2L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE source_id = $1", id));
        await app.Mail.WaitForMessageAsync("lisa@zon.test", m => m.Subject.Contains("Noor"));
        await app.Mail.WaitForMessageAsync("joyce@zon.test", m => m.Subject.Contains("Noor"));

        app.Clock.Advance(TimeSpan.FromMinutes(20));
        using var joyce = await app.SignedInAsync("zon", "joyce@zon.test");
        var inbox = await joyce.GetHtmlAsync("/vragen");
        var row = inbox.QuerySelectorAll("li.unread").Single(li => li.TextContent.Contains("Gymschoenen"));
        Assert.Contains("1 ongelezen", row.TextContent);
        var thread = await joyce.GetStringAsync($"/vragen/{id}");
        Assert.Contains("Moet Noor morgen gymschoenen meenemen?", thread);
        Assert.Contains("tekening.png", thread);
        Assert.DoesNotContain("li class=\"unread\"", await joyce.GetStringAsync("/vragen")); // opening marks it read
        var messageId = await app.Database.ScalarAsync<Guid>("SELECT id FROM conversation_messages WHERE conversation_id = $1", id);
        using (var file = await joyce.GetAsync($"/vragen/{id}/bijlagen/{messageId}"))
        {
            Assert.Equal("image/png", file.Content.Headers.ContentType!.MediaType);
            Assert.Equal(Png, await file.Content.ReadAsByteArrayAsync());
        }
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        using (var reply = await ReplyAsync(joyce, id, "Ja, morgen is er gym."))
        {
            Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        }
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE kind = 'question.replied' AND source_id = $1 AND user_id = $2", id, app.Parent));
        await app.Mail.WaitForMessageAsync("ouder@zon.test", m => m.Subject == "Nieuw antwoord van Joyce");

        // The parent sees one unread reply; the other teacher sees the reply as unread too.
        var mine = (await parent.GetHtmlAsync("/vragen")).QuerySelectorAll("li").Single(li => li.TextContent.Contains("Gymschoenen"));
        Assert.Contains("1 ongelezen", mine.TextContent);
        using var lisa = await app.SignedInAsync("zon", "lisa@zon.test");
        var lisaRow = (await lisa.GetHtmlAsync("/vragen")).QuerySelectorAll("li").Single(li => li.TextContent.Contains("Gymschoenen"));
        Assert.Contains("2 ongelezen", lisaRow.TextContent);
        Assert.Contains("Ja, morgen is er gym.", await parent.GetStringAsync($"/vragen/{id}"));

        using var kees = await app.SignedInAsync("zon", "kees@zon.test");
        Assert.DoesNotContain("Gymschoenen", await kees.GetStringAsync("/vragen"));
        using (var denied = await kees.GetAsync($"/vragen/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        }
        using (var deniedFile = await kees.GetAsync($"/vragen/{id}/bijlagen/{messageId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, deniedFile.StatusCode);
        }
        using var deniedReply = await ReplyAsync(kees, id, "Ik ben niet van deze groep");
        Assert.Equal(HttpStatusCode.NotFound, deniedReply.StatusCode);
    }

    [Fact]
    public async Task AParentWithTwoChildrenMustChooseTheChildAndOneChildIsChosenAlready()
    {
        app.SetNow("2026-11-30 10:00");
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var form = (await parent.GetHtmlAsync("/vragen/nieuw")).QuerySelector("form[enctype]") ?? throw new InvalidOperationException("no question form");
        Assert.Contains("Noor", form.TextContent);
        Assert.Contains("Daan", form.TextContent);
        // Nothing is chosen for the parent: sent as is, the form names no child.
        var chosen = Forms.FieldsOf(form).Where(f => f.Key == "pupilId").Select(f => f.Value).ToList();
        Assert.True(chosen.All(v => v == ""), $"a child was chosen in advance: {string.Join(",", chosen)}");

        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM conversations");
        var fields = Forms.FieldsOf(form).Where(f => f.Key is not ("subject" or "body")).ToList();
        fields.Add(new("subject", "Zwemles"));
        fields.Add(new("body", "Gaat de zwemles morgen door?"));
        using (var unchosen = await parent.SubmitAsync("/vragen/nieuw", fields, multipart: true))
        {
            Assert.Equal(HttpStatusCode.OK, unchosen.StatusCode);
            var page = await unchosen.HtmlAsync();
            Assert.Contains("Kies over welk kind je vraag gaat.", page.QuerySelector(".errors")?.TextContent ?? "");
            // What was typed stays; still no child chosen.
            Assert.Equal("Zwemles", page.QuerySelector("input[name='subject']")?.GetAttribute("value"));
            Assert.All(Forms.FieldsOf(page.QuerySelector("form[enctype]")!).Where(f => f.Key == "pupilId"), f => Assert.Equal("", f.Value));
        }
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM conversations"));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE kind = 'question.asked' AND body LIKE '%Zwemles%'"));

        // Choosing Daan reaches Daan's teacher (Groep 5), not Noor's.
        using (var asked = await AskAsync(parent, app.Daan, "Zwemles", "Gaat de zwemles morgen door?"))
        {
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
            var id = IdFrom(asked);
            Assert.Equal(new[] { app.Kees }, await app.Database.ScalarAsync<Guid[]>(
                "SELECT array_agg(user_id) FROM notifications WHERE kind = 'question.asked' AND source_id = $1", id));
        }

        // A parent with one child finds that child chosen.
        using var single = await app.SignedInAsync("zon", "ander@zon.test");
        var singleForm = (await single.GetHtmlAsync("/vragen/nieuw")).QuerySelector("form[enctype]")!;
        Assert.Equal([app.Sem.ToString()], Forms.FieldsOf(singleForm).Where(f => f.Key == "pupilId").Select(f => f.Value));
    }

    [Fact]
    public async Task ATeacherClosesAConversationAndNobodyCanReplyAfterwards()
    {
        app.SetNow("2026-11-30 11:00");
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var id = IdFrom(await AskAsync(parent, app.Noor, "Luizencontrole", "Wanneer is de luizencontrole?"));
        using (var parentClose = await parent.PostFormAsync($"/vragen/{id}?handler=Close", new Dictionary<string, string>(), $"/vragen/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, parentClose.StatusCode);
        }
        using var lisa = await app.SignedInAsync("zon", "lisa@zon.test");
        using (var asked = await lisa.PostFormAsync($"/vragen/{id}?handler=Close", new Dictionary<string, string>(), $"/vragen/{id}"))
        {
            var yes = await Confirmations.AssertAsksAsync(asked, "Luizencontrole");
            Assert.True(await app.Database.ScalarAsync<bool>("SELECT closed_at IS NULL FROM conversations WHERE id = $1", id));
            using var close = await lisa.SubmitAsync($"/vragen/{id}?handler=Close", yes);
            Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
        }
        Assert.Equal(app.Lisa, await app.Database.ScalarAsync<Guid>("SELECT closed_by_id FROM conversations WHERE id = $1", id));
        var messages = await app.Database.ScalarAsync<long>("SELECT count(*) FROM conversation_messages WHERE conversation_id = $1", id);
        using (var reply = await ReplyAsync(parent, id, "Nog een vraag"))
        {
            Assert.Contains("Dit gesprek is gesloten; begin een nieuw gesprek.", await reply.Content.ReadAsStringAsync());
        }
        Assert.Equal(messages, await app.Database.ScalarAsync<long>("SELECT count(*) FROM conversation_messages WHERE conversation_id = $1", id));
        Assert.DoesNotContain("Luizencontrole", await lisa.GetStringAsync("/vragen"));
        Assert.Contains("Luizencontrole", await lisa.GetStringAsync("/vragen?closed=true"));
    }

    [Fact]
    public async Task BadQuestionsShowAClearMessageAndNothingIsSentOrSaved()
    {
        app.SetNow("2026-11-30 12:00");
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM conversations");
        var notifications = await app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications");
        var cases = new (Guid Child, string Subject, string Body, byte[]? File, string Message)[]
        {
            (app.Noor, "Lang", new string('a', 2001), null, "Het bericht is te lang: 2001 tekens, hoogstens 2000."),
            (app.Noor, "", "Iets", null, "Vul een onderwerp in."),
            (app.Noor, new string('s', 121), "Iets", null, "Het onderwerp is te lang (hoogstens 120 tekens)."),
            (app.Noor, "Leeg", "   ", null, "Schrijf een bericht."),
            (app.Sem, "Niet mijn kind", "Hoe gaat het met Sem?", null, "Dit kind is niet aan je account gekoppeld."),
            (app.BPupil, "Andere school", "Hallo", null, "Dit kind is niet aan je account gekoppeld."),
            (app.Noor, "Bijlage", "Zie bijlage", Encoding.ASCII.GetBytes("#!/bin/sh"), "De bijlage moet een PDF, JPG of PNG zijn."),
            (app.Noor, "Groot", "Zie bijlage", [0x89, 0x50, 0x4E, 0x47, .. new byte[2 * 1024 * 1024]], "De bijlage is te groot (hoogstens 2 MB)."),
        };
        foreach (var c in cases)
        {
            using var response = await AskAsync(parent, c.Child, c.Subject, c.Body, c.File);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(c.Message, (await response.HtmlAsync()).QuerySelector(".errors")?.TextContent ?? "");
        }
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM conversations"));
        Assert.Equal(notifications, await app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications"));

        // The same limit holds for a reply.
        var id = IdFrom(await AskAsync(parent, app.Noor, "Kort", "Korte vraag"));
        using var tooLong = await ReplyAsync(parent, id, new string('b', 2500));
        Assert.Contains("Het bericht is te lang: 2500 tekens, hoogstens 2000.", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM conversation_messages WHERE conversation_id = $1", id));
    }

    [Fact]
    public async Task ThePageUsesTheSchoolsWordsAndSaysWhenToExpectAnAnswerOutsideOfficeHours()
    {
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        try
        {
            using (var bad = await admin.PostFormAsync("/beheer/vragen", new Dictionary<string, string> { ["intro"] = "x", ["officeStart"] = "16:00", ["officeEnd"] = "08:00" }))
            {
                Assert.Contains("Vul beide tijden in als uu:mm", await bad.Content.ReadAsStringAsync());
            }
            using (var save = await admin.PostFormAsync("/beheer/vragen", new Dictionary<string, string>
            {
                ["intro"] = "Dringend? Bel ons of spreek juf aan op het schoolplein.", ["officeStart"] = "08:00", ["officeEnd"] = "16:00", ["includeAdmins"] = "true",
            }))
            {
                Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
            }
            app.SetNow("2026-12-18 17:30"); // Friday evening before the Christmas holiday
            using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
            var page = await parent.GetStringAsync("/vragen");
            Assert.Contains("Dringend? Bel ons of spreek juf aan op het schoolplein.", page);
            Assert.Contains("030 123 45 67", page);
            Assert.Contains("Je kunt een antwoord verwachten vanaf maandag 4 januari 08:00", page);
            app.SetNow("2026-12-16 10:00");
            Assert.DoesNotContain("Je kunt een antwoord verwachten", await parent.GetStringAsync("/vragen"));

            // With admins included, a new question reaches the admin too.
            var id = IdFrom(await AskAsync(parent, app.Daan, "Rapport", "Wanneer komt het rapport?"));
            Assert.Equal(new[] { app.Kees, app.Admin }.Order(), (await app.Database.ScalarAsync<Guid[]>(
                "SELECT array_agg(user_id) FROM notifications WHERE source_id = $1", id)).Order());
            Assert.Contains("Rapport", await admin.GetStringAsync("/vragen"));
        }
        finally
        {
            await app.Database.ExecuteAsync("DELETE FROM question_settings");
        }
    }

    [Fact]
    public async Task AnotherSchoolCannotReachAConversation()
    {
        app.SetNow("2026-11-30 13:00");
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var id = IdFrom(await AskAsync(parent, app.Noor, "Geheime vraag", "Alleen voor de juf", Png));
        var messageId = await app.Database.ScalarAsync<Guid>("SELECT id FROM conversation_messages WHERE conversation_id = $1", id);
        foreach (var email in new[] { "directie@maan.test", "juf@maan.test", "ouder@maan.test" })
        {
            using var client = await app.SignedInAsync("maan", email);
            Assert.DoesNotContain("Geheime vraag", await client.GetStringAsync("/vragen"));
            foreach (var path in new[] { $"/vragen/{id}", $"/vragen/{id}/bijlagen/{messageId}" })
            {
                using var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
            using var reply = await ReplyAsync(client, id, "Hallo");
            Assert.Equal(HttpStatusCode.NotFound, reply.StatusCode);
        }
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM conversation_messages WHERE conversation_id = $1", id));
    }
}
