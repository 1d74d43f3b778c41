namespace Schoolplein.Platform.Timeline;

/// <summary>Notification kinds and links of the timeline.</summary>
public static class TimelineNotifications
{
    public const string PostKind = "post.published";
    public const string UrgentKind = "post.urgent";
    public const string UrgentReminderKind = "post.urgent.reminder";
    public const string UrgentEscalationKind = "post.urgent.escalation";
    public const string UrgentPhoneListKind = "post.urgent.phonelist";
    public const string CommentKind = "post.comment";

    public static string Link(Guid postId) => $"/nieuws/{postId}";

    public static string ReadOverviewLink(Guid postId) => $"/nieuws/{postId}/gelezen";
}
