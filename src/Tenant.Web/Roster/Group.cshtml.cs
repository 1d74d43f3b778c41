using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;

namespace Schoolplein.Tenant.Web.Roster;

/// <summary>One group: name and school year, its teachers (two or more is fine), its letters.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class GroupModel(SchoolpleinDb db, RosterService roster, IStringLocalizer<RosterText> text) : PageModel
{
    private static readonly Guid[] StaffRoles = [.. Roles.All.Where(r => r.Name is Roles.Teacher or Roles.SchoolAdmin).Select(r => r.Id)];

    [BindProperty]
    public GroupInput Input { get; set; } = new();

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public int PupilCount { get; private set; }
    public IReadOnlyList<Person> Teachers { get; private set; } = [];
    public IReadOnlyList<Person> StaffOptions { get; private set; } = [];
    public string? Message { get; private set; }

    public sealed record Person(Guid Id, string Name);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await FindAsync(id, ct) is { } group ? await ShowAsync(group, ct) : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } group)
        {
            return NotFound();
        }
        var saved = await roster.UpdateGroupAsync(group.Id, Input.ToFields(), ct);
        if (!saved.Succeeded)
        {
            ModelState.AddProblems(saved.Problems, text, nameof(Input));
            return await ShowAsync(group, ct, keepInput: true);
        }
        Message = text["Saved"];
        return await ShowAsync((await FindAsync(id, ct))!, ct);
    }

    public async Task<IActionResult> OnPostAddTeacherAsync(Guid id, Guid teacherId, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } group)
        {
            return NotFound();
        }
        var added = await roster.AddTeacherAsync(group.Id, teacherId, ct);
        if (!added.Succeeded)
        {
            ModelState.AddProblems(added.Problems, text);
            return await ShowAsync(group, ct);
        }
        Message = text["Saved"];
        return await ShowAsync(group, ct);
    }

    public async Task<IActionResult> OnPostRemoveTeacherAsync(Guid id, Guid teacherId, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } group)
        {
            return NotFound();
        }
        await roster.RemoveTeacherAsync(group.Id, teacherId, ct);
        Message = text["Saved"];
        return await ShowAsync(group, ct);
    }

    private Task<Group?> FindAsync(Guid id, CancellationToken ct) => db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);

    private async Task<IActionResult> ShowAsync(Group group, CancellationToken ct, bool keepInput = false)
    {
        Id = group.Id;
        Name = group.Name;
        if (!keepInput)
        {
            Input = GroupInput.From(group);
        }
        PupilCount = await db.Pupils.CountAsync(p => p.GroupId == group.Id && p.ArchivedAt == null, ct);
        Teachers = await db.GroupTeachers.AsNoTracking().Where(t => t.GroupId == group.Id)
            .OrderBy(t => t.User!.FirstName)
            .Select(t => new Person(t.UserId, t.User!.FullName)).ToListAsync(ct);
        StaffOptions = await db.Users.AsNoTracking()
            .Where(u => u.DeactivatedAt == null && db.UserRoles.Any(r => r.UserId == u.Id && StaffRoles.Contains(r.RoleId)))
            .OrderBy(u => u.FirstName)
            .Select(u => new Person(u.Id, u.FullName)).ToListAsync(ct);
        return Page();
    }
}
