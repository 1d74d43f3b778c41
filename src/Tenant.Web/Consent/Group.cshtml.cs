using Schoolplein.Platform.Csv;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Consent;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Tenant.Web.Consent;

/// <summary>
/// The consent matrix of one group (children × categories) for its teachers and the school
/// admins, with the filter "no consent for X", a CSV export and a printable list (PDF).
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed class GroupModel(CurrentUser viewer, ConsentService service, ConsentReader reader, ConsentMatrixPdf pdf, IStringLocalizer<ConsentPagesText> text) : PageModel
{
    public sealed record PupilRow(Guid Id, string Name, IReadOnlyList<bool?> Answers);

    public string GroupName { get; private set; } = "";
    public Guid GroupId { get; private set; }
    public IReadOnlyList<CategoryView> Categories { get; private set; } = [];
    public IReadOnlyList<PupilRow> Pupils { get; private set; } = [];
    public int TotalPupils { get; private set; }
    public CategoryView? Without { get; private set; }
    public string? FilterError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid groupId, string? zonder, CancellationToken ct)
    {
        await service.EnsureDefaultCategoriesAsync(ct);
        if (!await LoadAsync(groupId, zonder, ct))
        {
            return NotFound();
        }
        if (FilterError is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(Guid groupId, string? zonder, CancellationToken ct)
    {
        if (!await LoadAsync(groupId, zonder, ct) )
        {
            return NotFound();
        }
        if (FilterError is not null)
        {
            return BadRequest(FilterError);
        }
        var rows = new List<IEnumerable<string?>> { new[] { text["Pupil"].Value }.Concat(Categories.Select(c => c.Name)) };
        rows.AddRange(Pupils.Select(p => new[] { p.Name }.Concat(p.Answers.Select(a => Word(a)))));
        return File(CsvWriter.Document(rows), "text/csv; charset=utf-8", FileName("csv"));
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid groupId, string? zonder, CancellationToken ct)
    {
        if (!await LoadAsync(groupId, zonder, ct))
        {
            return NotFound();
        }
        if (FilterError is not null)
        {
            return BadRequest(FilterError);
        }
        var title = Without is null ? text["PdfTitle", GroupName].Value : text["PdfTitleWithout", GroupName, Without.Name].Value;
        var document = pdf.Render(new ConsentMatrixPdf.Matrix(
            title,
            text["PdfSubtitle", ConsentWeb.Day(service.Today)].Value,
            text["Pupil"].Value,
            Categories.Select(c => c.Name).ToList(),
            Pupils.Select(p => new ConsentMatrixPdf.Line(p.Name, p.Answers.Select(Word).ToList(), p.Answers.Select(a => a == true).ToList())).ToList(),
            text["PdfLegend"].Value));
        return File(document, "application/pdf", FileName("pdf"));
    }

    private string Word(bool? answer) => answer switch
    {
        true => text["Mark.Yes"].Value,
        false => text["Mark.No"].Value,
        null => text["Mark.Open"].Value,
    };

    private string FileName(string extension)
    {
        var safe = new string(GroupName.Select(ch => char.IsAsciiLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : '-').ToArray()).Trim('-');
        return $"{text["FilePrefix"]}-{safe}.{extension}";
    }

    private async Task<bool> LoadAsync(Guid groupId, string? zonder, CancellationToken ct)
    {
        var userId = viewer.Id;
        var group = await reader.VisibleGroups(userId, viewer.IsAdmin).AsNoTracking()
            .Where(g => g.Id == groupId)
            .Select(g => new
            {
                g.Name,
                Pupils = g.Pupils.Where(p => p.ArchivedAt == null).OrderBy(p => p.FirstName).ThenBy(p => p.LastName)
                    .Select(p => new { p.Id, p.FirstName, p.LastNamePrefix, p.LastName }).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (group is null)
        {
            return false;
        }
        GroupId = groupId;
        GroupName = group.Name;
        Categories = await reader.CategoriesAsync(includeRetired: false, ct);
        if (!string.IsNullOrEmpty(zonder))
        {
            Without = Guid.TryParse(zonder, out var withoutId) ? Categories.FirstOrDefault(c => c.Id == withoutId) : null;
            if (Without is null)
            {
                FilterError = text["Error.UnknownFilter"];
            }
        }
        var answers = await reader.CurrentAnswersAsync(group.Pupils.Select(p => p.Id).ToList(), ct);
        var rows = group.Pupils.Select(p => new PupilRow(
            p.Id,
            PersonName.Format(p.FirstName, p.LastNamePrefix, p.LastName),
            Categories.Select(c => answers.TryGetValue((p.Id, c.Id), out var a) ? (bool?)a.Granted : null).ToList())).ToList();
        TotalPupils = rows.Count;
        if (Without is not null)
        {
            var index = Categories.ToList().IndexOf(Without);
            rows = rows.Where(r => !ConsentRules.IsAllowed(r.Answers[index])).ToList();
        }
        Pupils = rows;
        return true;
    }
}
