namespace Schoolplein.Platform.Timeline;

/// <summary>Resource anchor for the timeline's notification texts (rendered per recipient language).</summary>
public sealed class TimelineNotificationText;
