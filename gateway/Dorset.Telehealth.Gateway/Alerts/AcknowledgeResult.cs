namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>How an acknowledgement went.</summary>
public enum AcknowledgeResult
{
    /// <summary>Recorded.</summary>
    Acknowledged = 0,

    /// <summary>No alert has that id.</summary>
    NotFound = 1,

    /// <summary>Someone acknowledged it already; the first acknowledgement stands.</summary>
    AlreadyAcknowledged = 2,
}
