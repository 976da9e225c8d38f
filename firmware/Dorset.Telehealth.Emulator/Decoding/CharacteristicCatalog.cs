using System;
using System.Collections.Generic;
using System.Globalization;
using Dorset.Telehealth.Protocol;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>Every value the `decode` verb understands, looked up by name or by 16-bit UUID.</summary>
public static class CharacteristicCatalog
{
    /// <summary>All formatters, in the order `decode --help` lists them.</summary>
    public static IReadOnlyList<ICharacteristicFormatter> All { get; } = new ICharacteristicFormatter[]
    {
        new GlucoseMeasurementFormatter(),
        new GlucoseContextFormatter(),
        new GlucoseFeatureFormatter(),
        new RacpFormatter(),
        new PlxSpotCheckFormatter(),
        new PlxContinuousFormatter(),
        new PlxFeaturesFormatter(),
        new WeightMeasurementFormatter(),
        new WeightScaleFeatureFormatter(),
        new BloodPressureFormatter("blood-pressure-measurement", GattUuids.BloodPressureMeasurement),
        new BloodPressureFormatter("intermediate-cuff-pressure", GattUuids.IntermediateCuffPressure),
        new BatteryLevelFormatter(),
        new DateTimeFormatter(),
        new CurrentTimeFormatter(),
        new DeviceInformationFormatter("manufacturer-name", GattUuids.ManufacturerName),
        new DeviceInformationFormatter("model-number", GattUuids.ModelNumber),
        new DeviceInformationFormatter("serial-number", GattUuids.SerialNumber),
        new DeviceInformationFormatter("hardware-revision", GattUuids.HardwareRevision),
        new DeviceInformationFormatter("firmware-revision", GattUuids.FirmwareRevision),
        new DeviceInformationFormatter("software-revision", GattUuids.SoftwareRevision),
        new SystemIdFormatter(),
        new UplinkFrameFormatter(),
    };

    /// <summary>Finds a formatter by name ("glucose-measurement") or UUID ("2A18", "0x2a18").</summary>
    public static ICharacteristicFormatter? Find(string nameOrUuid)
    {
        foreach (var formatter in All)
        {
            if (string.Equals(formatter.Name, nameOrUuid, StringComparison.OrdinalIgnoreCase))
            {
                return formatter;
            }
        }

        string hex = nameOrUuid.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? nameOrUuid[2..] : nameOrUuid;
        if (hex.Length == 4 && ushort.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ushort uuid))
        {
            foreach (var formatter in All)
            {
                if (formatter.Uuid == uuid)
                {
                    return formatter;
                }
            }
        }

        return null;
    }
}
