namespace Schoolplein.Tenant.Web.Account;

/// <summary>Resource anchor for the invitation (set your password) page.</summary>
public sealed class InvitationPageText;
