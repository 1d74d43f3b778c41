using Microsoft.Playwright;
using Schoolplein.Platform.Seeding;
using Xunit;

namespace Schoolplein.Browser.Tests;

/// <summary>The demo teacher of groep 3/4 on a phone: a post with a photo, today's absences and answering a parent's question.</summary>
[Collection(DemoCollection.Name)]
public sealed class TeacherJourneyTests(DemoSite site)
{
    private const string Teacher = "lisanne.mulder@regenboog.test";
    private const string Parent = "ouder@regenboog.test";

    [Fact]
    public async Task TeacherPostsAPhotoSeesTodaysAbsencesAndAnswersAQuestion()
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
        await journey.StepAsync("post with a photo");
        await Journey.ClickAndLoadAsync(teacher, teacher.Locator("form.card button[type=submit]"));
        Assert.Matches("/nieuws/[0-9a-f-]{36}$", teacher.Url);
        await Assertions.Expect(teacher.Locator("article.post h1")).ToHaveTextAsync(title);
        await Assertions.Expect(teacher.Locator("article.post .post-meta")).ToContainTextAsync("Groep 3/4");
        await Assertions.Expect(teacher.Locator("article.post ul.photos img")).ToHaveCountAsync(1);
        await journey.StepAsync("post published");

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
