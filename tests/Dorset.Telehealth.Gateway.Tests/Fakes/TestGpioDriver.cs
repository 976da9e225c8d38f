using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Device.Gpio;
using System.Threading;

namespace Dorset.Telehealth.Gateway.Tests.Fakes;

/// <summary>A GPIO chip in memory: records pin modes and writes, and lets a test press a button (iot's simulated-bus pattern).</summary>
public sealed class TestGpioDriver : GpioDriver
{
    private readonly ConcurrentDictionary<int, PinMode> _modes = new();
    private readonly ConcurrentDictionary<int, PinValue> _values = new();
    private readonly ConcurrentDictionary<int, List<(PinEventTypes Types, PinChangeEventHandler Handler)>> _callbacks = new();

    public IReadOnlyDictionary<int, PinMode> Modes => _modes;

    public bool IsHigh(int pin) => _values.TryGetValue(pin, out var v) && v == PinValue.High;

    public bool IsOpen(int pin) => _modes.ContainsKey(pin);

    /// <summary>A press of a button wired to ground: the input falls, then rises.</summary>
    public void Press(int pin)
    {
        Fire(pin, PinEventTypes.Falling);
        _values[pin] = PinValue.Low;
        Fire(pin, PinEventTypes.Rising);
        _values[pin] = PinValue.High;
    }

    protected override int PinCount => 54;

    protected override void OpenPin(int pinNumber) => _modes[pinNumber] = PinMode.Input;

    protected override void ClosePin(int pinNumber)
    {
        _modes.TryRemove(pinNumber, out _);
        _callbacks.TryRemove(pinNumber, out _);
    }

    protected override void SetPinMode(int pinNumber, PinMode mode) => _modes[pinNumber] = mode;

    protected override PinMode GetPinMode(int pinNumber) => _modes[pinNumber];

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber) => _values.GetValueOrDefault(pinNumber, PinValue.Low);

    protected override void Write(int pinNumber, PinValue value) => _values[pinNumber] = value;

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        cancellationToken.WaitHandle.WaitOne();
        return new WaitForEventResult { TimedOut = true };
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        _callbacks.GetOrAdd(pinNumber, _ => new List<(PinEventTypes, PinChangeEventHandler)>()).Add((eventTypes, callback));
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        if (_callbacks.TryGetValue(pinNumber, out var list))
        {
            list.RemoveAll(c => c.Handler == callback);
        }
    }

    private void Fire(int pin, PinEventTypes type)
    {
        if (_callbacks.TryGetValue(pin, out var list))
        {
            foreach (var (types, handler) in list.ToArray())
            {
                if ((types & type) != 0)
                {
                    handler(this, new PinValueChangedEventArgs(type, pin));
                }
            }
        }
    }
}
