using Dorset.Telehealth.Gateway.Alerts;

namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>Acknowledging from a console page: as the logged-in user, and only with a note saying what was done.</summary>
public static class ConsoleAcknowledgement
{
    /// <summary>The longest note (the alerts contract's limit).</summary>
    public const int MaxNote = 1000;

    /// <summary>Acknowledges <paramref name="id"/>; the sentence to show the user.</summary>
    public static string Run(AlertAnnunciator annunciator, string user, string? id, string? note)
    {
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(note) || note.Length > MaxNote)
        {
            return $"Acknowledging needs a note (up to {MaxNote} characters) saying what was done.";
        }

        var (result, alert) = annunciator.Acknowledge(id, user, note.Trim());
        return result switch
        {
            AcknowledgeResult.Acknowledged => $"Acknowledged: {alert!.Summary}",
            AcknowledgeResult.AlreadyAcknowledged => $"Already acknowledged by {alert!.Acknowledged!.By} at {UkTime.Show(alert.Acknowledged.AtUtc)}.",
            _ => "That alert no longer exists.",
        };
    }
}
