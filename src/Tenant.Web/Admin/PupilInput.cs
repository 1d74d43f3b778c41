using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;

namespace Schoolplein.Tenant.Web.Admin;

public sealed record GroupOption(Guid Id, string Name);

/// <summary>The pupil form: Dutch name parts, date of birth, group and the key in the pupil administration.</summary>
public sealed class PupilInput
{
    public string? FirstName { get; set; }
    public string? LastNamePrefix { get; set; }
    public string? LastName { get; set; }
    public string? DateOfBirth { get; set; }
    public Guid? GroupId { get; set; }
    public string? ExternalKey { get; set; }
    public IReadOnlyList<GroupOption> GroupOptions { get; set; } = [];

    public static PupilInput From(Pupil p) => new()
    {
        FirstName = p.FirstName,
        LastNamePrefix = p.LastNamePrefix,
        LastName = p.LastName,
        DateOfBirth = p.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        GroupId = p.GroupId,
        ExternalKey = p.ExternalKey,
    };

    public static Task<List<GroupOption>> GroupOptionsAsync(SchoolpleinDb db, CancellationToken ct) =>
        db.Groups.AsNoTracking().OrderBy(g => g.SortOrder).ThenBy(g => g.Name).Select(g => new GroupOption(g.Id, g.Name)).ToListAsync(ct);

    /// <summary>Checks everything and copies it onto the pupil only when all is right.</summary>
    public async Task<bool> ApplyAsync(Pupil pupil, SchoolpleinDb db, DateOnly today, ModelStateDictionary state, IStringLocalizer<AdminText> text, CancellationToken ct)
    {
        var first = FirstName?.Trim();
        var prefix = string.IsNullOrWhiteSpace(LastNamePrefix) ? null : LastNamePrefix.Trim();
        var last = LastName?.Trim();
        var key = string.IsNullOrWhiteSpace(ExternalKey) ? null : ExternalKey.Trim();
        if (string.IsNullOrEmpty(first))
        {
            state.AddModelError("Input.FirstName", text["FirstNameRequired"]);
        }
        if (string.IsNullOrEmpty(last))
        {
            state.AddModelError("Input.LastName", text["LastNameRequired"]);
        }
        if (first?.Length > 100 || prefix?.Length > 30 || last?.Length > 150)
        {
            state.AddModelError("Input.LastName", text["NameTooLong"]);
        }
        DateOnly? birth = null;
        if (!string.IsNullOrWhiteSpace(DateOfBirth))
        {
            if (DateOnly.TryParseExact(DateOfBirth.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                && parsed <= today && parsed.Year >= today.Year - 25)
            {
                birth = parsed;
            }
            else
            {
                state.AddModelError("Input.DateOfBirth", text["DateInvalid"]);
            }
        }
        if (GroupId is { } groupId && !await db.Groups.AnyAsync(g => g.Id == groupId, ct))
        {
            state.AddModelError("Input.GroupId", text["GroupUnknown"]);
        }
        if (key?.Length > 64)
        {
            state.AddModelError("Input.ExternalKey", text["ExternalKeyTooLong"]);
        }
        else if (key is not null && await db.Pupils.AnyAsync(p => p.ExternalKey == key && p.Id != pupil.Id, ct))
        {
            state.AddModelError("Input.ExternalKey", text["ExternalKeyTaken"]);
        }
        if (!state.IsValid)
        {
            return false;
        }
        pupil.FirstName = first!;
        pupil.LastNamePrefix = prefix;
        pupil.LastName = last!;
        pupil.DateOfBirth = birth;
        pupil.GroupId = GroupId;
        pupil.ExternalKey = key;
        return true;
    }
}
