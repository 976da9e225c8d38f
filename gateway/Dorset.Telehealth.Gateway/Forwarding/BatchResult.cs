namespace Dorset.Telehealth.Gateway.Forwarding;

/// <summary>
/// What one readings post did: how many readings the cloud settled (forwarded or set aside for good), and whether the
/// next post should go at once (a full batch, or a batch that must be sent again smaller) rather than after the hold.
/// </summary>
/// <param name="Settled">Readings marked forwarded or rejected by this post; 0 when none were.</param>
/// <param name="NextAtOnce">True when more is waiting that should not wait for the partial-batch hold.</param>
public readonly record struct BatchResult(int Settled, bool NextAtOnce)
{
    /// <summary>Nothing was waiting.</summary>
    public static BatchResult Nothing => new(0, false);
}
