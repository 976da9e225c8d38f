using Dorset.Telehealth.Gateway.Hardware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Dorset.Telehealth.Gateway.Extensions;

/// <summary>The front panel (LEDs, buzzer, button).</summary>
public static class GpioExtensions
{
    /// <summary>Registers the hardware service; a test may register its own <see cref="IGpioControllerFactory"/> first.</summary>
    public static IHostApplicationBuilder AddGpio(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GpioOptions>().BindConfiguration(nameof(GpioOptions)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<IGpioControllerFactory, SystemGpioControllerFactory>();
        builder.Services.AddSingleton<HardwareService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HardwareService>());
        return builder;
    }
}
