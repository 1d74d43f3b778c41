namespace Schoolplein.Tenant.Web.Account;

/// <summary>Resource anchor for the account pages.</summary>
public sealed class AccountText;
