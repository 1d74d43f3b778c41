namespace Schoolplein.Tenant.Web.Admin;

/// <summary>Resource anchor for the school admin pages under /beheer.</summary>
public sealed class AdminText;
