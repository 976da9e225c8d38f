using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System;
using Dorset.Telehealth.Gateway.Cli;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.Protocol.Contract;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Gateway.Tests.Cli;

public sealed class ProvisionCommandTests
{
    [Fact]
    public async Task Provision_NewBoard_RegistersTheUnit_WritesTheBundle_AndPrintsPasteReadyCommands()
    {
        using var dir = new TempDirectory();

        var (code, stdout, _) = await GatewayProcess.RunAsync("provision", "--host", "127.0.0.1", "--unit", "unit-0042", "--port", "/dev/ttyUSB0", "--data-dir", dir.Path);

        Assert.Equal(0, code);
        string[] lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        string bundle = Path.Combine(dir.Path, "provisioning", "unit-0042-bundle");
        Assert.Contains("nanoff --target ESP32_BLE_REV0 --serialport /dev/ttyUSB0 --update", lines);
        Assert.Contains("nanoff --target ESP32_BLE_REV0 --serialport /dev/ttyUSB0 --deploy --image firmware/Dorset.Telehealth.HomeUnit.Esp32/bin/Release/Dorset.Telehealth.HomeUnit.Esp32.bin", lines);
        Assert.Contains($"(cd {bundle} && nanoff --serialport /dev/ttyUSB0 --filedeployment deploy.json)", lines);
        Assert.Contains($"(cd {bundle} && rm -f unit-config.json hub-ca.pem deploy.json) && rmdir {bundle}", lines);
        Assert.True(File.Exists(Path.Combine(bundle, "unit-config.json")) && File.Exists(Path.Combine(bundle, "hub-ca.pem")));
        Assert.True(new UnitRegistry(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"))).VerifyCredentials("unit-0042", GatewayProcess.SecretFrom(stdout)));
    }

    [Fact]
    public void Commands_EveryNanoffLine_IsTheFlashingGuidesOwn()
    {
        // The guide and the CLI must not drift: each line provision prints that runs nanoff appears verbatim in FLASHING.md.
        string guide = File.ReadAllText(SourcePaths.Combine("hardware/FLASHING.md"));
        var nanoff = ProvisionCommand.Commands("unit-0042", "/dev/ttyUSB0", ProvisionCommand.DefaultTarget, ProvisionCommand.DefaultImage, "/var/lib/dorset-gateway/provisioning/unit-0042-bundle")
            .Where(l => !l.StartsWith('#') && l.Contains("nanoff ", StringComparison.Ordinal)).ToList();

        Assert.Equal(3, nanoff.Count);
        Assert.All(nanoff, line => Assert.Contains("\n" + line + "\n", guide, StringComparison.Ordinal));
    }

    [Fact]
    public void Commands_PathsWithSpacesOrQuotes_AreQuotedForTheShell()
    {
        var lines = ProvisionCommand.Commands("unit-1", "COM3", ProvisionCommand.DefaultTarget, "my build/app.bin", "/home/hub staff/o'brien/unit-1-bundle");

        Assert.Contains("nanoff --target ESP32_BLE_REV0 --serialport COM3 --deploy --image 'my build/app.bin'", lines);
        Assert.Contains("(cd '/home/hub staff/o'\\''brien/unit-1-bundle' && nanoff --serialport COM3 --filedeployment deploy.json)", lines);
        Assert.Contains("(cd '/home/hub staff/o'\\''brien/unit-1-bundle' && rm -f unit-config.json hub-ca.pem deploy.json) && rmdir '/home/hub staff/o'\\''brien/unit-1-bundle'", lines);
    }

    [Fact]
    public void Commands_APathEndingInANewline_IsQuoted_NotTakenAsAPlainWord()
    {
        // Anchored with $ the shell-word check let "x\n" through bare, and the pasted line ended at the newline.
        var lines = ProvisionCommand.Commands("unit-1", "COM3", ProvisionCommand.DefaultTarget, "app.bin\n", "/tmp/b");

        Assert.Contains("nanoff --target ESP32_BLE_REV0 --serialport COM3 --deploy --image 'app.bin\n'", lines);
    }

    [Theory]
    [InlineData("/dev/ttyUSB0")]
    [InlineData("/dev/ttyACM1")]
    [InlineData("/dev/cu.usbserial-0001")]
    [InlineData("/dev/cu.SLAB_USBtoUART")]
    [InlineData("COM3")]
    [InlineData("COM12")]
    public void FlashingProblem_SerialDeviceNames_AreAccepted(string port)
    {
        Assert.Null(ProvisionCommand.FlashingProblem(port, ProvisionCommand.DefaultTarget));
    }

    [Theory]
    [InlineData("-rf")]
    [InlineData("/dev/../etc/passwd")]
    [InlineData("/dev/ttyUSB0/../../etc/passwd")]
    [InlineData("/dev/ttyUSB0\n")]
    [InlineData("COM3\nrm -rf ~")]
    [InlineData("/dev/sda")]
    [InlineData("/dev/cu.")]
    [InlineData("COM0")]
    [InlineData("")]
    public void FlashingProblem_AnythingButASerialDeviceName_IsRefused(string port)
    {
        Assert.StartsWith("--port must be a serial device", ProvisionCommand.FlashingProblem(port, ProvisionCommand.DefaultTarget), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--target", "ESP32_REV3", "no Bluetooth")]
    [InlineData("--target", "ESP32_BLE_REV3", "keeps Bluetooth bonds in RAM only")]
    [InlineData("--target", "ESP32_S3_QUAD", "another chip")]
    [InlineData("--target", "STM32F769I_DISCOVERY", "not a nanoFramework image this unit can run")]
    [InlineData("--port", "/dev/ttyUSB0; rm -rf ~", "--port must be a serial device")]
    [InlineData("--port", "-rf", "--port must be a serial device")]
    [InlineData("--port", "/dev/../etc/passwd", "--port must be a serial device")]
    public async Task Provision_RefusedSetting_NamesTheProblem_AndRegistersNothing(string option, string value, string reason)
    {
        using var dir = new TempDirectory();
        string[] args = option == "--port"
            ? ["provision", "--host", "127.0.0.1", "--unit", "unit-5", "--port", value, "--data-dir", dir.Path]
            : ["provision", "--host", "127.0.0.1", "--unit", "unit-5", "--port", "/dev/ttyUSB0", option, value, "--data-dir", dir.Path];

        var (code, stdout, stderr) = await GatewayProcess.RunAsync(args);

        Assert.Equal(2, code);
        Assert.StartsWith("refused: ", stderr, StringComparison.Ordinal);
        Assert.Contains(reason, Assert.Single(stderr.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.DoesNotContain("nanoff", stdout, StringComparison.Ordinal);
        Assert.Null(new UnitRegistry(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"))).Find("unit-5"));
    }

    [Fact]
    public async Task Provision_UnitThatExists_IsRefusedWithoutANewSecret()
    {
        using var dir = new TempDirectory();
        await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-6", "--data-dir", dir.Path);

        var (code, stdout, stderr) = await GatewayProcess.RunAsync("provision", "--host", "127.0.0.1", "--unit", "unit-6", "--port", "/dev/ttyUSB0", "--data-dir", dir.Path);

        Assert.Equal(2, code);
        Assert.Contains("already exists", Assert.Single(stderr.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.DoesNotContain("secret: ", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("nanoff", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultTarget_IsTheImageThatKeepsBondsAcrossPowerCuts()
    {
        // nf-interpreter's ESP32_BLE_REV0 is built from sdkconfig.default_nopsram_ble.esp32, the only classic-ESP32 BLE
        // image with CONFIG_BT_NIMBLE_NVS_PERSIST=y (HAZARD-LOG.md H29); the guide must flash the same one.
        string guide = File.ReadAllText(SourcePaths.Combine("hardware/FLASHING.md"));

        Assert.Equal("ESP32_BLE_REV0", ProvisionCommand.DefaultTarget);
        Assert.Contains("nanoff --target ESP32_BLE_REV0 --serialport /dev/ttyUSB0 --update", guide, StringComparison.Ordinal);
        Assert.DoesNotContain("--target ESP32_BLE_REV3", guide, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provision_FileDeploymentList_PutsTheConfigAndCaWhereTheFirmwareReadsThem()
    {
        using var dir = new TempDirectory();

        var (code, _, _) = await GatewayProcess.RunAsync("provision", "--host", "127.0.0.1", "--unit", "unit-0043", "--port", "/dev/ttyUSB0", "--data-dir", dir.Path);

        Assert.Equal(0, code);
        // Copied to another PC: the list must still name the files, which nanoff opens from the folder it runs in.
        string bundle = Path.Combine(dir.Path, "elsewhere");
        Directory.CreateDirectory(bundle);
        foreach (string file in Directory.GetFiles(Path.Combine(dir.Path, "provisioning", "unit-0043-bundle")))
        {
            File.Move(file, Path.Combine(bundle, Path.GetFileName(file)));
        }

        Directory.Delete(Path.Combine(dir.Path, "provisioning"), recursive: true);
        Assert.True(HomeUnit.Config.UnitConfig.TryParse(File.ReadAllText(Path.Combine(bundle, "unit-config.json")), out var config, out string error), error);
        using var list = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "deploy.json")));
        var files = list.RootElement.GetProperty("files").EnumerateArray()
            .Select(f => (Destination: f.GetProperty("DestinationFilePath").GetString()!, Source: f.GetProperty("SourceFilePath").GetString()!)).ToList();
        // The firmware's LittleFsFlash reads "I:\" + name: the config by its fixed name, the CA by the config's caFile.
        Assert.Equal(["I:\\" + UnitFiles.Config, "I:\\" + config.CaFile], files.Select(f => f.Destination));
        Assert.All(files, f => Assert.True(!Path.IsPathRooted(f.Source) && File.Exists(Path.Combine(bundle, f.Source)), f.Source));
    }
}
