using System;
using System.Device.Gpio;

namespace Dorset.Telehealth.Gateway.Hardware;

/// <summary>An on/off indicator: an LED or an active buzzer.</summary>
public interface IStatusLed : IDisposable
{
    /// <summary>True while lit (or sounding).</summary>
    bool IsOn { get; }

    /// <summary>Switches it.</summary>
    void Set(bool on);
}

/// <summary>A push button.</summary>
public interface IButton : IDisposable
{
    /// <summary>Raised once per press (debounced).</summary>
    event Action? Pressed;
}

/// <summary>An LED or buzzer on a GPIO output, active high.</summary>
public sealed class GpioStatusLed : IStatusLed
{
    private readonly GpioController _controller;
    private readonly int _pin;
    private readonly bool _shouldDispose;

    /// <summary>Opens <paramref name="pin"/> as an output, off. With <paramref name="shouldDispose"/> the controller is disposed with it (dotnet/iot convention).</summary>
    public GpioStatusLed(GpioController controller, int pin, bool shouldDispose = false)
    {
        _controller = controller ?? throw new ArgumentNullException(nameof(controller));
        _pin = pin;
        _shouldDispose = shouldDispose;
        _controller.OpenPin(pin, PinMode.Output, PinValue.Low);
    }

    /// <inheritdoc/>
    public bool IsOn { get; private set; }

    /// <inheritdoc/>
    public void Set(bool on)
    {
        if (on == IsOn)
        {
            return;
        }

        _controller.Write(_pin, on ? PinValue.High : PinValue.Low);
        IsOn = on;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_controller.IsPinOpen(_pin))
        {
            _controller.Write(_pin, PinValue.Low);
            _controller.ClosePin(_pin);
        }

        if (_shouldDispose)
        {
            _controller.Dispose();
        }
    }
}

/// <summary>A button between a GPIO input (internal pull-up) and ground: pressed = falling edge.</summary>
public sealed class GpioButton : IButton
{
    private static readonly TimeSpan s_debounce = TimeSpan.FromMilliseconds(50);
    private readonly GpioController _controller;
    private readonly int _pin;
    private readonly bool _shouldDispose;
    private DateTime _lastPressUtc = DateTime.MinValue;

    /// <summary>Opens <paramref name="pin"/> as an input with pull-up (or plain input when pull-up is unsupported).</summary>
    public GpioButton(GpioController controller, int pin, bool shouldDispose = false)
    {
        _controller = controller ?? throw new ArgumentNullException(nameof(controller));
        _pin = pin;
        _shouldDispose = shouldDispose;
        _controller.OpenPin(pin, controller.IsPinModeSupported(pin, PinMode.InputPullUp) ? PinMode.InputPullUp : PinMode.Input);
        _controller.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Falling, OnFalling);
    }

    /// <inheritdoc/>
    public event Action? Pressed;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_controller.IsPinOpen(_pin))
        {
            _controller.UnregisterCallbackForPinValueChangedEvent(_pin, OnFalling);
            _controller.ClosePin(_pin);
        }

        if (_shouldDispose)
        {
            _controller.Dispose();
        }
    }

    private void OnFalling(object sender, PinValueChangedEventArgs e)
    {
        // Contacts bounce for a few milliseconds; one press must silence once, not toggle repeatedly.
        DateTime now = DateTime.UtcNow;
        if (now - _lastPressUtc < s_debounce)
        {
            return;
        }

        _lastPressUtc = now;
        Pressed?.Invoke();
    }
}

/// <summary>A simulated LED/buzzer for machines without GPIO: it only remembers its state.</summary>
public sealed class FakeStatusLed : IStatusLed
{
    /// <inheritdoc/>
    public bool IsOn { get; private set; }

    /// <inheritdoc/>
    public void Set(bool on) => IsOn = on;

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}

/// <summary>A simulated button: <see cref="Press"/> stands in for a finger (console, tests).</summary>
public sealed class FakeButton : IButton
{
    /// <inheritdoc/>
    public event Action? Pressed;

    /// <summary>Simulates a press.</summary>
    public void Press() => Pressed?.Invoke();

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
