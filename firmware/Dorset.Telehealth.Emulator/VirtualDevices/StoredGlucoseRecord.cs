using Dorset.Telehealth.Protocol.Glucose;

namespace Dorset.Telehealth.Emulator.VirtualDevices;

/// <summary>A record in a virtual meter's memory: the measurement and its optional context.</summary>
public sealed record StoredGlucoseRecord(GlucoseMeasurement Measurement, GlucoseContext? Context);
