namespace Schoolplein.Tenant.Web.Account;

/// <summary>Resource anchor for forgotten-password and invitation pages.</summary>
public sealed class PasswordText;
