using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Images;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Seeding;
using Schoolplein.Platform.Tenancy;
using SkiaSharp;

namespace Schoolplein.Platform.Timeline;

/// <summary>
/// Demo news: school news (one pinned), group news with photos for the first combination group,
/// and one urgent message that part of the parents have read, past its escalation (so its read
/// overview shows the families to phone). Written directly (no mails or jobs at seeding); the
/// urgent message's audience is fixed like a real send.
/// </summary>
public sealed class TimelineDemoSeed(TimeProvider time) : IDemoSeedStep
{
    public int Order => 110;

    public async Task SeedAsync(TenantScope scope, DemoData.School school, CancellationToken ct)
    {
        var db = scope.Get<SchoolpleinDb>();
        var blobs = scope.Get<IBlobStore>();
        var images = scope.Get<ImagePipeline>();
        var marker = DeterministicGuid.Create($"{school.Slug}/post/welkom");
        if (await db.Set<Post>().IgnoreQueryFilters([QueryFilters.SoftDelete]).AnyAsync(p => p.Id == marker, ct))
        {
            return;
        }
        var now = time.GetUtcNow();
        var admin = await UserIdAsync(db, school.Staff[0].Email, ct);
        var groupSpec = school.Groups.Count > 2 ? school.Groups[2] : school.Groups[0];
        var groupId = DeterministicGuid.Create($"{school.Slug}/group/{groupSpec.Key}");
        var teacherSpec = school.Staff.FirstOrDefault(s => s.GroupKeys.Contains(groupSpec.Key)) ?? school.Staff[0];
        var teacher = await UserIdAsync(db, teacherSpec.Email, ct);

        Post Add(string key, Guid author, string title, string body, TimeSpan ago, Guid? group = null, bool pinned = false, bool urgent = false)
        {
            var html = PostHtml.Sanitize(body);
            var post = new Post
            {
                Id = DeterministicGuid.Create($"{school.Slug}/post/{key}"),
                AuthorId = author,
                Title = title,
                BodyHtml = html,
                BodyText = PostHtml.ToText(html),
                Pinned = pinned,
                Urgent = urgent,
                AllowLikes = !urgent,
                AllowComments = group is not null && !urgent,
                PublishedAt = now - ago,
            };
            if (group is { } g)
            {
                post.Groups.Add(new PostGroup { PostId = post.Id, GroupId = g });
            }
            db.Add(post);
            return post;
        }

        Add("welkom", admin, $"Welkom op {school.Name}",
            "Beste ouders,\n\nVia dit portaal vind je het nieuws van de school en van de groep van je kind. "
            + "Zet het portaal op het beginscherm van je telefoon, dan mis je geen bericht.\n\nHartelijke groet, de directie",
            TimeSpan.FromDays(20), pinned: true);
        Add("studiedag", admin, "Studiedag: kinderen vrij",
            "<p>Op de studiedag zijn alle kinderen <strong>vrij</strong>. De opvang is open zoals gewoonlijk.</p>"
            + "<ul><li>Geen school</li><li>Wel opvang</li></ul>",
            TimeSpan.FromDays(3));
        var trip = Add("uitje", teacher, $"Ons uitje naar de kinderboerderij ({groupSpec.Name})",
            "Wat een mooie dag hadden we! De kinderen hebben de geiten gevoerd en eieren geraapt. Hieronder een paar foto's.",
            TimeSpan.FromDays(1), group: groupId);
        var order = 0;
        // Six photos: more than the four a timeline card shows, so the demo shows the "+2" tile and the lightbox.
        foreach (var (sky, ground) in new[]
        {
            (new SKColor(0x87, 0xCE, 0xEB), new SKColor(0x4C, 0xAF, 0x50)), (new SKColor(0xFF, 0xCC, 0x80), new SKColor(0x8B, 0xC3, 0x4A)),
            (new SKColor(0xB3, 0xE5, 0xFC), new SKColor(0x38, 0x8E, 0x3C)), (new SKColor(0xF8, 0xBB, 0xD0), new SKColor(0x7C, 0xB3, 0x42)),
            (new SKColor(0xD1, 0xC4, 0xE9), new SKColor(0x55, 0x8B, 0x2F)), (new SKColor(0xFF, 0xE0, 0xB2), new SKColor(0x9C, 0xCC, 0x65)),
        })
        {
            var picture = DemoPicture(sky, ground, order);
            var image = images.Process(picture, TimelineService.PhotoVariants);
            var (large, thumbnail) = (image["large"], image["thumb"]);
            var photo = new PostPhoto
            {
                PostId = trip.Id,
                LargeBlobId = await blobs.PutAsync(large.ContentType, large.Content, ct),
                ThumbnailBlobId = await blobs.PutAsync(thumbnail.ContentType, thumbnail.Content, ct),
                Width = large.Width,
                Height = large.Height,
                SortOrder = order++,
            };
            trip.Photos.Add(photo);
            db.Add(photo);
        }
        await db.SaveChangesAsync(ct);

        if (school.Slug == "regenboog")
        {
            var urgent = Add("spoed-verwarming", admin, "Verwarming kapot: school morgen om 12.00 uur uit",
                "Door een storing aan de verwarming gaat de school morgen om 12.00 uur uit. "
                + "Kun je je kind ophalen of laten ophalen? De opvang vangt kinderen op die niet opgehaald kunnen worden.",
                TimeSpan.FromMinutes(150), urgent: true);
            // Sent long enough ago (default escalation: an hour) for the second notification and the phone list to be done.
            urgent.EscalationStage = UrgentEscalationJob.PhoneList;
            var audience = await db.Guardianships.AsNoTracking()
                .Where(g => g.Pupil!.ArchivedAt == null)
                .Select(g => new { g.PupilId, g.UserId, g.User!.Email })
                .ToListAsync(ct);
            db.AddRange(audience.Select(a => new UrgentRecipient { PostId = urgent.Id, PupilId = a.PupilId, UserId = a.UserId }));
            // About half of the generated parents have read it; the demo parents have not, so it is on top for them.
            var demoParents = school.Families.Take(3).SelectMany(f => f.Parents).Select(p => p.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var readers = audience.Select(a => (a.UserId, a.Email)).Distinct()
                .Where(a => a.Email is not null && !demoParents.Contains(a.Email) && (a.UserId.GetHashCode() & 1) == 0);
            var minute = 0;
            foreach (var (userId, _) in readers)
            {
                db.Add(new UrgentReadReceipt { PostId = urgent.Id, UserId = userId, ReadAt = urgent.PublishedAt.AddMinutes(1 + minute++ % 30) });
            }
            await db.SaveChangesAsync(ct);
        }
    }

    private static Task<Guid> UserIdAsync(SchoolpleinDb db, string email, CancellationToken ct) =>
        db.Users.Where(u => u.Email == email).Select(u => u.Id).FirstAsync(ct);

    /// <summary>A simple drawn landscape (sky, sun, hills, a barn) as a PNG, so the demo has photos without shipping any.</summary>
    private static byte[] DemoPicture(SKColor sky, SKColor ground, int variant)
    {
        using var surface = SKSurface.Create(new SKImageInfo(1200, 800));
        var canvas = surface.Canvas;
        canvas.Clear(sky);
        using var paint = new SKPaint { IsAntialias = true };
        paint.Color = new SKColor(0xFF, 0xEB, 0x3B);
        canvas.DrawCircle(variant == 0 ? 950 : 250, 180, 90, paint);
        paint.Color = ground;
        canvas.DrawOval(new SKRect(-200, 500, 800, 1100), paint);
        canvas.DrawOval(new SKRect(400, 520, 1500, 1150), paint);
        paint.Color = new SKColor(0xB7, 0x1C, 0x1C);
        canvas.DrawRect(new SKRect(480, 420, 720, 620), paint);
        using var builder = new SKPathBuilder();
        builder.MoveTo(460, 420);
        builder.LineTo(600, 320);
        builder.LineTo(740, 420);
        builder.Close();
        using var roof = builder.Detach();
        paint.Color = new SKColor(0x5D, 0x40, 0x37);
        canvas.DrawPath(roof, paint);
        paint.Color = SKColors.White;
        for (var i = 0; i < 3; i++)
        {
            canvas.DrawOval(new SKRect(150 + i * 300 + variant * 60, 660, 230 + i * 300 + variant * 60, 710), paint);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
