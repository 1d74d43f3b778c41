namespace Schoolplein.Tenant.Web.Timeline;

/// <summary>Resource anchor for the urgent-message pages (read overview, list).</summary>
public sealed class UrgentText;
