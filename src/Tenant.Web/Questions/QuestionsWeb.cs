using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Questions;
using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Questions;

public static class QuestionsWeb
{
    public static IServiceCollection AddQuestionsWeb(this IServiceCollection services) =>
        services.AddQuestions().AddNavItem(new NavItem("/vragen", typeof(QuestionsText), "Menu", 50, [Roles.Parent, Roles.Teacher, Roles.SchoolAdmin], SchoolModules.Questions));

    /// <summary>An attachment of a message, for whoever may see the conversation.</summary>
    public static IEndpointRouteBuilder MapQuestions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/vragen/{id:guid}/bijlagen/{messageId:guid}", AttachmentAsync).RequireAuthorization().RequireModule(SchoolModules.Questions);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> AttachmentAsync(
        Guid id, Guid messageId, CurrentUser viewer, ConversationAccess access, IBlobStore blobs, CancellationToken ct)
    {
        var visible = await access.VisibleToAsync(viewer.Id, viewer.IsAdmin, ct);
        var file = await visible.Where(c => c.Id == id)
            .SelectMany(c => c.Messages.Where(m => m.Id == messageId && m.AttachmentBlobId != null))
            .Select(m => new { m.AttachmentBlobId, m.AttachmentName })
            .FirstOrDefaultAsync(ct);
        if (file is null || await blobs.GetAsync(file.AttachmentBlobId!.Value, ct) is not { } blob)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.File(blob.Content, blob.ContentType, file.AttachmentName);
    }
}
