using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Dorset.Telehealth.Gateway.Provisioning;
using Spectre.Console;

namespace Dorset.Telehealth.Gateway.Cli;

/// <summary>
/// `provision --unit ID --port PORT [--target T]`: registers the unit, writes its bundle, and prints the nanoff
/// commands that flash a new board into that unit (hardware/FLASHING.md steps 3, 5 and 6), ready to paste.
/// </summary>
public static partial class ProvisionCommand
{
    /// <summary>
    /// The nanoFramework image for the home unit's ESP32-WROOM-32E (hardware/README.md): the one whose NimBLE keeps
    /// bonds in flash (`CONFIG_BT_NIMBLE_NVS_PERSIST=y`, HAZARD-LOG.md H29). It runs on every ESP32 revision and the
    /// unit needs no PSRAM; ESP32_BLE_REV3 keeps bonds in RAM, so a meter that needs one would stop being read after
    /// every power cut until the patient paired it again.
    /// </summary>
    public const string DefaultTarget = "ESP32_BLE_REV0";

    /// <summary>The app image the nanoFramework build writes, relative to the repository root.</summary>
    public const string DefaultImage = "firmware/Dorset.Telehealth.HomeUnit.Esp32/bin/Release/Dorset.Telehealth.HomeUnit.Esp32.bin";

    /// <summary>The images the console offers: only the one whose NimBLE keeps bonds in flash (hazard H29).</summary>
    public static readonly IReadOnlyList<string> ClassicBleTargets = new[] { DefaultTarget };

    // BLE images of other chips: they would need their own pin map (nanoframework.md "Flashing with nanoff").
    private static readonly string[] s_otherBleTargets = { "ESP32_S3_QUAD", "ESP32_S3_OCTAL", "ESP32_C3", "ESP32_C6_THREAD" };

    /// <summary>The verb.</summary>
    public static Command Create()
    {
        var common = new CommonOptions(setsUpHub: true);
        var patient = new PatientOptions();
        var unit = new Option<string>("--unit") { Description = "The new unit's id; it is also its MQTT user name.", Required = true };
        var port = new Option<string>("--port") { Description = "The board's serial port, from `nanoff --listports` (e.g. /dev/ttyUSB0, COM3).", Required = true };
        var target = new Option<string>("--target") { Description = $"The nanoFramework image (default {DefaultTarget}, the one that keeps Bluetooth bonds across power cuts).", DefaultValueFactory = _ => DefaultTarget };
        var image = new Option<string>("--image") { Description = "The app image built with the nanoFramework toolchain.", DefaultValueFactory = _ => DefaultImage };
        var output = UnitRegistration.OutOption();
        var host = UnitRegistration.HostOption();
        var command = new Command("provision", "Register a unit, write its bundle, and print the nanoff commands that flash it.") { unit, port, target, image, output, host };
        common.AddTo(command);
        patient.AddTo(command);
        common.SetAction(command, (parse, context) =>
        {
            string serialPort = parse.GetValue(port)!;
            string targetName = parse.GetValue(target)!;
            if (FlashingProblem(serialPort, targetName) is string problem)
            {
                // Checked before anything is registered: a refused provision leaves no unit behind.
                return UnitsCommands.Refuse(problem);
            }

            string unitId = parse.GetValue(unit)!;
            string? bundle = UnitRegistration.Register(context, patient.Request(parse, unitId), parse.GetValue(output), parse.GetValue(host));
            if (bundle == null)
            {
                return UnitsCommands.RefusedExitCode;
            }

            // Plain writes, not the styled console: a wrapped or coloured command would not paste.
            foreach (string line in Commands(unitId, serialPort, targetName, parse.GetValue(image)!, bundle))
            {
                Console.Out.WriteLine(line);
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// What to paste, from the repository root, to flash a new board into <paramref name="unitId"/>; the bundle's
    /// lines run in <paramref name="bundle"/>, whose deploy.json names its files relative to itself.
    /// </summary>
    public static IReadOnlyList<string> Commands(string unitId, string serialPort, string target, string image, string bundle)
    {
        string folder = Quote(bundle);
        return new[]
        {
            string.Empty,
            $"# Flash {unitId} on {serialPort}, from the repository root (hardware/FLASHING.md):",
            "# 1. nanoFramework firmware with Bluetooth (once per board)",
            $"nanoff --target {target} --serialport {serialPort} --update",
            "# 2. The app, built once for every unit with the nanoFramework toolchain (FLASHING.md step 4)",
            $"nanoff --target {target} --serialport {serialPort} --deploy --image {Quote(image)}",
            $"# 3. Add the patient's Wi-Fi (\"wifi\": {{\"ssid\": \"...\", \"password\": \"...\"}}) to {Quote(Path.Combine(bundle, ProvisioningBundle.ConfigFile))},",
            "#    then write it and the hub CA to the unit's flash, from the bundle's folder",
            $"(cd {folder} && nanoff --serialport {serialPort} --filedeployment {FileDeploymentList.FileName})",
            "# 4. The bundle holds the unit's secret: delete it once the unit is flashed",
            $"(cd {folder} && rm -f {string.Join(' ', ProvisioningBundle.FileNames)}) && rmdir {folder}",
        };
    }

    /// <summary>
    /// Why a board on <paramref name="serialPort"/> (null: not given) cannot be flashed with the image
    /// <paramref name="target"/> (the `provision` verb and the console's Provisioning page), or null when it can.
    /// </summary>
    public static string? FlashingProblem(string? serialPort, string target) =>
        TargetProblem(target) ?? (serialPort == null || SerialPortName().IsMatch(serialPort) ? null
            : "--port must be a serial device such as /dev/ttyUSB0, /dev/ttyACM0, /dev/cu.usbserial-0001 or COM3 (from nanoff --listports)");

    private static string? TargetProblem(string target)
    {
        if (target == DefaultTarget)
        {
            return null;
        }

        if (target is "ESP32_REV0" or "ESP32_REV3")
        {
            return $"--target {target} is an image with no Bluetooth: the unit could not reach its devices; use {DefaultTarget}";
        }

        if (target == "ESP32_BLE_REV3")
        {
            return $"--target {target} keeps Bluetooth bonds in RAM only: after a power cut a meter that needs a bond is not read until the patient pairs it again; use {DefaultTarget}";
        }

        return Array.IndexOf(s_otherBleTargets, target) >= 0
            ? $"--target {target} is another chip: hardware/home-unit.pins.json is for the classic ESP32 (WROOM-32E); use {DefaultTarget}"
            : $"--target {target} is not a nanoFramework image this unit can run; use {DefaultTarget}";
    }

    /// <summary>A POSIX shell word: as is when it holds no special character, else in single quotes.</summary>
    private static string Quote(string word) => SafeWord().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    // \z, not $: $ also matches before a final newline, which would end the pasted command there.
    [GeneratedRegex("\\A[A-Za-z0-9_./:\\-]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafeWord();

    // What nanoff --listports shows: Linux USB serial (CP210x, CH340: ttyUSB; native USB: ttyACM), macOS call-out
    // devices, Windows COM ports. Nothing else: the name is pasted into shell lines and handed to nanoff.
    [GeneratedRegex("\\A(?:/dev/tty(?:USB|ACM)[0-9]{1,3}|/dev/cu\\.[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}|COM[1-9][0-9]{0,2})\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SerialPortName();
}
