using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Gateway.Broker;

/// <summary>
/// One MQTT session per unit (gateway/README.md "Broker"). A new login of a unit, with whichever of its client ids,
/// first closes the unit's current session and waits until MQTTnet has finished tearing it down, and only then is
/// accepted; the unit's online state is that of its current session, and a session that was replaced changes nothing
/// when it ends (nor does its last will).
/// </summary>
/// <remarks>
/// The wait also closes a race in MQTTnet 5.2: a session that ends cleanly removes its client and then deletes the
/// session <em>by client id</em> (MqttClientSessionsManager.HandleClientConnectionAsync, finally), so a reconnect with
/// the same id registered in between had its new session deleted and its connection stopped, seen in CI as a unit's
/// second connection dropped while publishing its status.
/// </remarks>
public sealed class UnitSessions
{
    /// <summary>The session item holding the connection's <see cref="Session"/>.</summary>
    public const string SessionItem = "dorset.session";

    private readonly ConcurrentDictionary<string, Session> _current = new(StringComparer.Ordinal);

    /// <summary>One connection of a unit, from its accepted login to the end of its teardown.</summary>
    public sealed class Session
    {
        internal Session(string clientId) => ClientId = clientId;

        /// <summary>The MQTT client id it connected with.</summary>
        public string ClientId { get; }

        /// <summary>Completes when MQTTnet has reported the connection's end (its teardown is done).</summary>
        public Task Ended => EndedSource.Task;

        internal TaskCompletionSource EndedSource { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Makes a new accepted login the unit's current session (kept in <paramref name="sessionItems"/>) and returns the
    /// session it replaces, or null.
    /// </summary>
    public Session? Begin(string unitId, string clientId, IDictionary sessionItems)
    {
        var session = new Session(clientId);
        sessionItems[SessionItem] = session;
        Session? previous = null;
        _current.AddOrUpdate(unitId, session, (_, old) =>
        {
            previous = old;
            return session;
        });
        return previous;
    }

    /// <summary>True when <paramref name="sessionItems"/> belong to the unit's current session.</summary>
    public bool IsCurrent(string unitId, IDictionary? sessionItems) =>
        sessionItems?[SessionItem] is Session session && _current.TryGetValue(unitId, out Session? current) && ReferenceEquals(session, current);

    /// <summary>A connection ended; true when it was the unit's current session (the unit is now offline).</summary>
    public bool End(string unitId, IDictionary? sessionItems)
    {
        if (sessionItems?[SessionItem] is not Session session)
        {
            return false;
        }

        session.EndedSource.TrySetResult();
        return _current.TryRemove(new KeyValuePair<string, Session>(unitId, session));
    }
}
