using Microsoft.Playwright;
using Schoolplein.Platform.Seeding;
using Xunit;

namespace Schoolplein.Browser.Tests;

/// <summary>
/// The demo teacher of groep 3/4 on a phone: a post with a photo (children without photo consent
/// named), an urgent message and who read it, today's absences, answering a parent's question.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class TeacherJourneyTests(DemoSite site)
{
    private const string Teacher = "lisanne.mulder@regenboog.test";
    private const string Parent = "ouder@regenboog.test";

    [Fact]
    public async Task TeacherPostsAPhotoSeesWhoReadAnUrgentMessageSeesTodaysAbsencesAndAnswersAQuestion()
    {
        // The demo parent reports Noor (groep 3/4) sick in their own browser.
        await using (var parent = await Journey.StartAsync(site, "teacher-setup-parent"))
        {
            await parent.SignInAsync(site.Url("regenboog", "/Account/SignIn"), Parent, DemoData.Password);
            await parent.GoAsync(site.Url("regenboog", "/afwezigheid"));
            var page = parent.Page;
            await page.Locator("#child").SelectOptionAsync(new SelectOptionValue { Label = "Noor Jansen" });
            await page.Locator("#reason").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await parent.SubmitAsync(page.Locator("form:has(#reason) button[type=submit]"));
            await Assertions.Expect(page.Locator(".notice.success")).ToBeVisibleAsync();
            await parent.StepAsync("noor reported sick");
        }

        await using var journey = await Journey.StartAsync(site, "teacher");
        var teacher = journey.Page;
        await journey.SignInAsync(site.Url("regenboog", "/Account/SignIn"), Teacher, DemoData.Password);
        await journey.StepAsync("signed in");

        // Post to groep 3/4 with a photo.
        await Journey.ClickAndLoadAsync(teacher, teacher.Locator("main a.button[href='/nieuws/nieuw']"));
        var title = $"Knutselmiddag groep 3/4 ({Guid.NewGuid():N})"[..40];
        await teacher.Locator("#title").FillAsync(title);
        // The rich-text editor (editor.js) replaces the textarea.
        await teacher.Locator("#body-editor").FillAsync("Vandaag hebben we lantaarns geknutseld. Kijk eens hoe mooi ze zijn geworden!");
        await teacher.Locator("fieldset label.check", new PageLocatorOptions { HasText = "Groep 3/4" }).Locator("input").CheckAsync();
        await teacher.Locator("#photos").SetInputFilesAsync(new FilePayload { Name = "lantaarns.png", MimeType = "image/png", Buffer = Photo() });
        // The children of groep 3/4 without consent for photos on the portal are named before publishing.
        var consent = teacher.Locator("#photo-consent");
        await Assertions.Expect(consent).ToBeVisibleAsync();
        await Assertions.Expect(consent.Locator("li[data-consent-group]:visible")).ToHaveCountAsync(1);
        await Assertions.Expect(consent.Locator("li[data-consent-group]:visible")).ToContainTextAsync("Groep 3/4: ");
        await journey.StepAsync("post with a photo and the consent warning");
        await consent.Locator("input[name='Form.ConsentChecked']").CheckAsync();
        await Journey.ClickAndLoadAsync(teacher, teacher.Locator("form.card button[type=submit]"));
        Assert.Matches("/nieuws/[0-9a-f-]{36}$", teacher.Url);
        await Assertions.Expect(teacher.Locator("article.post h1")).ToHaveTextAsync(title);
        await Assertions.Expect(teacher.Locator("article.post .post-meta")).ToContainTextAsync("Groep 3/4");
        await Assertions.Expect(teacher.Locator("article.post ul.photos img")).ToHaveCountAsync(1);
        await journey.StepAsync("post published");

        // An urgent message to groep 3/4; the demo parent (Noor's mother) opens it; the teacher sees who read it.
        await journey.GoAsync(site.Url("regenboog", "/nieuws/nieuw?spoed=true"));
        var urgentTitle = $"Schoolreis gaat niet door ({Guid.NewGuid():N})"[..40];
        await teacher.Locator("#title").FillAsync(urgentTitle);
        await teacher.Locator("#body-editor").FillAsync("De bus is kapot. De kinderen zijn morgen gewoon op school, met een lunchpakket.");
        await teacher.Locator("fieldset label.check", new PageLocatorOptions { HasText = "Groep 3/4" }).Locator("input").CheckAsync();
        await journey.StepAsync("urgent message form");
        await Journey.ClickAndLoadAsync(teacher, teacher.Locator("form.card button[type=submit]"));
        Assert.Matches("/nieuws/[0-9a-f-]{36}/gelezen$", teacher.Url);
        var overview = teacher.Url;
        var noorRow = teacher.Locator("table.urgent-children tr", new PageLocatorOptions { HasText = "Noor Jansen" });
        await Assertions.Expect(noorRow.Locator("li", new LocatorLocatorOptions { HasText = "Sanne Jansen" })).ToContainTextAsync("niet gelezen");
        await journey.StepAsync("urgent message sent, read overview");

        await using (var parent = await Journey.StartAsync(site, "teacher-urgent-parent"))
        {
            await parent.SignInAsync(site.Url("regenboog", "/Account/SignIn"), Parent, DemoData.Password);
            var banner = parent.Page.Locator(".urgent-banner a", new PageLocatorOptions { HasText = urgentTitle });
            await Assertions.Expect(banner).ToBeVisibleAsync();
            await parent.StepAsync("urgent banner");
            await Journey.ClickAndLoadAsync(parent.Page, banner);
            await Assertions.Expect(parent.Page.Locator("article.post.urgent h1")).ToHaveTextAsync(urgentTitle);
            await parent.StepAsync("urgent message opened");
        }

        await journey.GoAsync(overview);
        await Assertions.Expect(noorRow.Locator("li", new LocatorLocatorOptions { HasText = "Sanne Jansen" })).ToContainTextAsync("gelezen op");
        await Assertions.Expect(noorRow.Locator("li", new LocatorLocatorOptions { HasText = "Sanne Jansen" })).Not.ToContainTextAsync("niet gelezen");
        await journey.StepAsync("read overview shows who read it");

        // Today's absences (the next school day at weekends) include Noor.
        await journey.GoAsync(site.Url("regenboog", "/afwezigheid/vandaag"));
        await Assertions.Expect(teacher.Locator("main li", new PageLocatorOptions { HasText = "Noor Jansen" }).First).ToBeVisibleAsync();
        await journey.StepAsync("todays absences");

        // Answer the demo question to the groep 3/4 duo.
        await journey.GoAsync(site.Url("regenboog", "/vragen"));
        await journey.StepAsync("questions inbox");
        var question = teacher.Locator("main a[href^='/vragen/']").Filter(new LocatorFilterOptions { HasNotText = "nieuw" }).First;
        await Journey.ClickAndLoadAsync(teacher, question);
        await journey.StepAsync("question opened");
        var answer = $"Dank voor uw vraag, we bellen u morgen. ({Guid.NewGuid():N})"[..60];
        await teacher.Locator("#body").FillAsync(answer);
        await Journey.ClickAndLoadAsync(teacher, teacher.Locator("form.card button[type=submit]"));
        await Assertions.Expect(teacher.Locator("li.message.mine", new PageLocatorOptions { HasText = answer[..40] })).ToBeVisibleAsync();
        await journey.StepAsync("question answered");
    }

    /// <summary>A 64×48 PNG (two colour bands), made here so the test ships no binary file.</summary>
    private static byte[] Photo()
    {
        const int width = 64, height = 48;
        var raw = new byte[height * (1 + width * 3)];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 3);
            for (var x = 0; x < width; x++)
            {
                var sky = y < height / 2;
                raw[row + 1 + x * 3] = (byte)(sky ? 0x87 : 0x4C);
                raw[row + 2 + x * 3] = (byte)(sky ? 0xCE : 0xAF);
                raw[row + 3 + x * 3] = (byte)(sky ? 0xEB : 0x50);
            }
        }
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw);
            }
            Chunk(png, "IDAT", compressed.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        png.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
