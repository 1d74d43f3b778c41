namespace Schoolplein.Tenant.Web.SchoolCalendar;

/// <summary>Resource anchor for the holidays and study days page.</summary>
public sealed class SchoolCalendarText;
