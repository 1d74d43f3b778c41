using Microsoft.Playwright;
using Schoolplein.Platform.Seeding;
using Xunit;

namespace Schoolplein.Browser.Tests;

/// <summary>The demo teacher of groep 3/4 on a phone: today's absences and answering a parent's question.</summary>
[Collection(DemoCollection.Name)]
public sealed class TeacherJourneyTests(DemoSite site)
{
    private const string Teacher = "lisanne.mulder@regenboog.test";
    private const string Parent = "ouder@regenboog.test";

    [Fact]
    public async Task TeacherSeesTodaysAbsencesAndAnswersAQuestion()
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
}
