namespace Schoolplein.Tenant.Web.Timeline;

/// <summary>Resource anchor for the timeline pages.</summary>
public sealed class TimelineText;
