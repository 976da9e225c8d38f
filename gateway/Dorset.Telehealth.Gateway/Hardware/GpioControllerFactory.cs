using System;
using System.Device.Gpio;
using System.IO;
using System.Linq;

namespace Dorset.Telehealth.Gateway.Hardware;

/// <summary>Makes the GPIO controller, or says there is none. Tests register a factory with a test driver.</summary>
public interface IGpioControllerFactory
{
    /// <summary>A controller, or null with the reason when this machine has no usable GPIO chip.</summary>
    GpioController? TryCreate(out string reason);
}

/// <summary>The real machine's GPIO: a gpiochip character device (Raspberry Pi OS, Debian arm64) or nothing.</summary>
public sealed class SystemGpioControllerFactory : IGpioControllerFactory
{
    /// <inheritdoc/>
    public GpioController? TryCreate(out string reason)
    {
        // Checked first: on a laptop or CI box the driver would otherwise fail later, pin by pin, with less clear errors.
        bool hasChip = Directory.Exists("/dev") && Directory.EnumerateFiles("/dev", "gpiochip*").Any();
        if (!hasChip)
        {
            reason = "no /dev/gpiochip* on this machine";
            return null;
        }

        try
        {
            reason = string.Empty;
            return new GpioController();
        }
        catch (Exception e) when (e is PlatformNotSupportedException or IOException or UnauthorizedAccessException or InvalidOperationException or DllNotFoundException)
        {
            reason = e.Message;
            return null;
        }
    }
}

/// <summary>Uses a given driver (for tests: a GpioDriver subclass that records writes).</summary>
public sealed class DriverGpioControllerFactory : IGpioControllerFactory
{
    private readonly Func<GpioDriver> _driver;

    /// <summary>Creates the factory.</summary>
    public DriverGpioControllerFactory(Func<GpioDriver> driver)
    {
        _driver = driver;
    }

    /// <inheritdoc/>
    public GpioController? TryCreate(out string reason)
    {
        reason = string.Empty;
        return new GpioController(_driver());
    }
}
