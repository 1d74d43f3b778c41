using System.Net;
using Xunit;
using static Schoolplein.Tenant.Web.Tests.Timeline.TimelineApp;

namespace Schoolplein.Tenant.Web.Tests.Timeline;

/// <summary>The same two schools on their own database: these tests count search results.</summary>
public sealed class SearchApp : TimelineApp;

/// <summary>Issue 17, search: PostgreSQL full-text search in Dutch over exactly the posts the timeline shows the viewer.</summary>
public sealed class SearchTests(SearchApp app) : IClassFixture<SearchApp>
{
    private async Task<string> SearchAsync(string slug, string email, string query)
    {
        using var client = await app.SignedInAsync(slug, email);
        using var response = await client.GetAsync("/zoeken?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task DutchStemmingFindsOtherFormsOfAWordAndTheMatchIsMarked()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        await PublishOkAsync(teacher, "Bibliotheek dinsdag", "Breng de boeken van de bibliotheek terug.", [app.G34]);
        await PublishOkAsync(teacher, "Zoek: schoolreis naar de Efteling", "Op de schoolreis gaan we met de bus.", [app.G34]);

        // 'dutch' stems "boek" and "boeken" alike, so either finds the post, with the word in the text marked.
        var found = await SearchAsync("zonnebloem", ParentTim, "boek");
        Assert.Contains("Bibliotheek dinsdag", found);
        Assert.Contains("<mark>boeken</mark>", found);
        Assert.Contains("1 bericht gevonden", found);
        Assert.Contains("Bibliotheek dinsdag", await SearchAsync("zonnebloem", ParentTim, "boeken"));

        var trip = await SearchAsync("zonnebloem", ParentTim, "schoolreis");
        Assert.Contains("Zoek: <mark>schoolreis</mark> naar de Efteling", trip);
        // What 'dutch' does not do: the snowball stemmer keeps the diminutive ("schoolreisje" becomes
        // 'schoolreisj'), so it does not find "schoolreis". Recorded here so a change shows up.
        var diminutive = await SearchAsync("zonnebloem", ParentTim, "schoolreisje");
        Assert.DoesNotContain("Efteling", diminutive);
        Assert.Contains("Niets gevonden voor &#x2018;schoolreisje&#x2019;.", diminutive);
    }

    [Fact]
    public async Task SearchShowsOnlyWhatTheTimelineShowsTheViewer()
    {
        using var teacher5 = await app.SignedInAsync("zonnebloem", Teacher5Email);
        await PublishOkAsync(teacher5, "Zwemles groep vijf", "De zwemles begint om negen uur.", [app.G5]);
        using var adminB = await app.SignedInAsync("sterrenwacht", AdminB);
        await PublishOkAsync(adminB, "Zwemles op de Sterrenwacht", "Ook hier een zwemles.", schoolWide: true);

        // Another group's post is not found by a parent without a child there; the other school's never.
        var tim = await SearchAsync("zonnebloem", ParentTim, "zwemles");
        Assert.DoesNotContain("groep vijf", tim);
        Assert.DoesNotContain("Sterrenwacht", tim);
        Assert.Contains("<mark>Zwemles</mark> groep vijf", await SearchAsync("zonnebloem", ParentSam, "zwemles"));
        var admin = await SearchAsync("zonnebloem", AdminEmail, "zwemles");
        Assert.Contains("<mark>Zwemles</mark> groep vijf", admin);
        Assert.DoesNotContain("Sterrenwacht", admin);
        var parentB = await SearchAsync("sterrenwacht", ParentB, "zwemles");
        Assert.Contains("<mark>Zwemles</mark> op de Sterrenwacht", parentB);
        Assert.DoesNotContain("groep vijf", parentB);
    }

    [Fact]
    public async Task TextFromAPostIsEncodedAndOnlyTheMatchBecomesMarkup()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        await PublishOkAsync(teacher, "Ouderavond <b>let op</b> <script>alert(1)</script>", "<p>De ouderavond is <em>donderdag</em>.</p>", [app.G34]);
        var html = await SearchAsync("zonnebloem", ParentEva, "ouderavond");
        Assert.Contains("<mark>Ouderavond</mark> &lt;b&gt;let op&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        // The excerpt is the post's plain text: the writer's markup does not come through.
        Assert.Contains("De <mark>ouderavond</mark> is donderdag.", html);
    }

    [Fact]
    public async Task AnEmptyOrOverlongSearchGetsAClearMessage()
    {
        using var parent = await app.SignedInAsync("zonnebloem", ParentTim);
        var page = await parent.GetStringAsync("/zoeken");
        Assert.DoesNotContain("role=\"alert\"", page);
        Assert.Contains("name=\"q\"", page);

        var empty = await parent.GetStringAsync("/zoeken?q=%20%20");
        Assert.Contains("Typ een of meer woorden om te zoeken.", empty);

        using var overlong = await parent.GetAsync("/zoeken?q=" + new string('a', 2000));
        Assert.Equal(HttpStatusCode.OK, overlong.StatusCode);
        Assert.Contains("Je zoekopdracht is te lang: gebruik hoogstens 200 tekens.", await overlong.Content.ReadAsStringAsync());

        // Characters PostgreSQL cannot take (NUL, a lone surrogate) and only stop words: no error page.
        foreach (var odd in new[] { "%00zwem%ED%A0%80les", "de het een", "\"niet afgesloten", "-", "or or or" })
        {
            using var response = await parent.GetAsync("/zoeken?q=" + odd);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task SearchIsForSignedInPeopleAndReachableFromTheTimeline()
    {
        using var visitor = app.ClientFor("zonnebloem");
        using var anonymous = await visitor.GetAsync("/zoeken?q=zwemles");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);

        using var parent = await app.SignedInAsync("zonnebloem", ParentTim);
        var timeline = await parent.GetStringAsync("/");
        Assert.Contains("<form method=\"get\" action=\"/zoeken\" role=\"search\" class=\"search-inline\">", timeline);
        Assert.Contains("<li><a href=\"/zoeken\">Zoeken</a></li>", timeline);
    }
}
