using Dorset.Telehealth.HomeUnit.Uplink;

namespace Dorset.Telehealth.Benchmarks.HomeUnit;

/// <summary>A broker that acknowledges every publish at once, so the benchmark times the unit's own work only.</summary>
public sealed class LoopbackUplink : IUplinkClient
{
    private int _next;

    public bool IsConnected => true;

    public long BytesPublished { get; private set; }

    public event PublishAcknowledgedHandler? Acknowledged;

    public event ConfigReceivedHandler? ConfigReceived;

    public bool Connect(string unitId, string secret, string willTopic, byte[] willPayload, string configTopic)
    {
        ConfigReceived?.Invoke([]);
        return true;
    }

    public int Publish(string topic, byte[] payload, bool retain)
    {
        BytesPublished += payload.Length;
        int id = ++_next;
        Acknowledged?.Invoke(id);
        return id;
    }

    public void Disconnect()
    {
    }
}
