namespace Schoolplein.Tenant.Web.Roster;

/// <summary>Resource anchor for the school admin pages under /beheer.</summary>
public sealed class RosterText;
