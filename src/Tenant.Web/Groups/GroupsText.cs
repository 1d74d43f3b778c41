namespace Schoolplein.Tenant.Web.Groups;

/// <summary>Resource anchor for the group pages.</summary>
public sealed class GroupsText;
