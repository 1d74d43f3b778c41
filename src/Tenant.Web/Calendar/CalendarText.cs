namespace Schoolplein.Tenant.Web.Calendar;

/// <summary>Resource anchor for the calendar pages.</summary>
public sealed class CalendarText;
