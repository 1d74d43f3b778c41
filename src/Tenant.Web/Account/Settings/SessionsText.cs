namespace Schoolplein.Tenant.Web.Account.Settings;

/// <summary>Resource anchor for the list of signed-in devices.</summary>
public sealed class SessionsText;
