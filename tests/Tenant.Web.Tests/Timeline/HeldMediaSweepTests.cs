using System.Net;
using Microsoft.Extensions.Time.Testing;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Persistence;
using Schoolplein.Testing;
using Xunit;
using static Schoolplein.Tenant.Web.Tests.Timeline.TimelineApp;

namespace Schoolplein.Tenant.Web.Tests.Timeline;

/// <summary>Photos held after a refused post do not linger: the per-school sweep removes them, bytes included, after a day.</summary>
public sealed class HeldMediaSweepTests(HeldMediaSweepTests.App app) : IClassFixture<HeldMediaSweepTests.App>
{
    public sealed class App : TimelineApp;

    private Task SweepAsync(Guid school, TimeSpan after) =>
        app.InSchoolAsync(school, scope => new PendingUploadSweepJob(
            new PendingUploads(scope.Get<SchoolpleinDb>(), scope.Get<IBlobStore>(), new FakeTimeProvider(app.Now + after)))
            .RunAsync(school, CancellationToken.None));

    [Fact]
    public async Task HeldPhotosNobodyCameBackForAreSweptAfterADayInTheirOwnSchoolOnly()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        using var refused = await PublishAsync(teacher, "", "Zonder titel.", [app.G34], files: Photo(TestFiles.Jpeg(), "klas.jpg"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var heldId = Guid.Parse((await refused.HtmlAsync()).QuerySelector("input[name='Form.KeptUploadIds']")!.GetAttribute("value")!);
        var blobId = await app.Database.ScalarAsync<Guid>("SELECT blob_id FROM pending_uploads WHERE id = $1", heldId);
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM blobs WHERE id = $1", blobId));

        await SweepAsync(app.A.Id, TimeSpan.FromHours(23));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM pending_uploads WHERE id = $1", heldId));
        // Another school's sweep, even far later, never touches it.
        await SweepAsync(app.B.Id, TimeSpan.FromDays(3));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM pending_uploads WHERE id = $1", heldId));

        await SweepAsync(app.A.Id, TimeSpan.FromHours(25));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM pending_uploads WHERE id = $1", heldId));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM blobs WHERE id = $1", blobId));
    }
}
