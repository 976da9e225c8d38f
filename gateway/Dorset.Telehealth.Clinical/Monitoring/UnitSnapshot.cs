using System;
using System.Collections.Generic;

namespace Dorset.Telehealth.Clinical.Monitoring;

/// <summary>What the hub knows of a unit when the clock rules run: its session, battery and paired devices.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Online">Whether it has an MQTT session now.</param>
/// <param name="OfflineSinceUtc">When it was last seen (for an offline unit), or when it was registered if never seen.</param>
/// <param name="BatteryPercent">The unit's supply as it last reported it, or null.</param>
/// <param name="Devices">Its paired devices.</param>
public sealed record UnitSnapshot(string UnitId, bool Online, DateTimeOffset OfflineSinceUtc, int? BatteryPercent, IReadOnlyList<DeviceSnapshot> Devices);

/// <summary>A paired device as the clock rules see it.</summary>
/// <param name="Slot">Its slot on the unit.</param>
/// <param name="Kind">glucose-meter, pulse-oximeter, weight-scale or blood-pressure-monitor.</param>
/// <param name="LastReadingUtc">When its newest stored reading was taken, or null when none has arrived.</param>
/// <param name="ExpectedSinceUtc">Since when readings are expected: when it was paired (or the unit registered).</param>
/// <param name="BatteryPercent">Its battery as the unit last read it, or null.</param>
public sealed record DeviceSnapshot(int Slot, string Kind, DateTimeOffset? LastReadingUtc, DateTimeOffset ExpectedSinceUtc, int? BatteryPercent);
