using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Privacy;

namespace Schoolplein.Platform.Questions;

/// <summary>
/// The person's questions to the school and their own messages in them (never the other
/// side's replies). On deletion the read markers go; the messages stay in the school's
/// conversation with the anonymised account as author.
/// </summary>
public sealed class QuestionsPersonalData(SchoolpleinDb db) : IPersonalDataContributor, IAccountDeletionParticipant
{
    public async Task ContributeAsync(PersonalDataExport export, CancellationToken ct)
    {
        var messages = await db.Set<ConversationMessage>().AsNoTracking()
            .Where(m => m.AuthorId == export.UserId)
            .OrderBy(m => m.CreatedAt)
            .Select(m => new
            {
                Conversation = db.Set<Conversation>().Where(c => c.Id == m.ConversationId).Select(c => c.Subject).FirstOrDefault(),
                m.Body,
                m.AttachmentName,
                m.CreatedAt,
            })
            .ToListAsync(ct);
        export.Add("questionMessages", messages);
    }

    public Task OnAccountDeletingAsync(AccountDeletionContext context, CancellationToken ct) =>
        db.Set<ConversationRead>().Where(r => r.UserId == context.UserId).ExecuteDeleteAsync(ct);
}
