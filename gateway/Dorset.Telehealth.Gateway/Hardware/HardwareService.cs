using System;
using System.Device.Gpio;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Forwarding;
using Dorset.Telehealth.Gateway.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Gateway.Hardware;

/// <summary>
/// Drives the hub's front panel: broker LED, cloud LED, alert LED, the buzzer (beeping while a red alert sounds) and
/// the silence button. Without a GPIO chip it says so once and runs the same logic on simulated outputs.
/// </summary>
public sealed class HardwareService : BackgroundService
{
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(250);
    private readonly GpioOptions _options;
    private readonly IGpioControllerFactory _factory;
    private readonly BrokerState _broker;
    private readonly ForwarderState _forwarder;
    private readonly GatewayAlarms _alarms;
    private readonly AlertAnnunciator _annunciator;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private GpioController? _controller;
    private int _stopped;

    /// <summary>Creates the service.</summary>
    public HardwareService(IOptions<GpioOptions> options, IGpioControllerFactory factory, BrokerState broker, ForwarderState forwarder,
        GatewayAlarms alarms, AlertAnnunciator annunciator, TimeProvider time, ILogger<HardwareService> logger)
    {
        _time = time;
        _annunciator = annunciator;
        _options = options.Value;
        _factory = factory;
        _broker = broker;
        _forwarder = forwarder;
        _alarms = alarms;
        _logger = logger;
    }

    /// <summary>The broker LED (simulated or real).</summary>
    public IStatusLed BrokerLed { get; private set; } = new FakeStatusLed();

    /// <summary>The cloud LED.</summary>
    public IStatusLed CloudLed { get; private set; } = new FakeStatusLed();

    /// <summary>The alert LED.</summary>
    public IStatusLed AlertLed { get; private set; } = new FakeStatusLed();

    /// <summary>The buzzer.</summary>
    public IStatusLed Buzzer { get; private set; } = new FakeStatusLed();

    /// <summary>The silence button.</summary>
    public IButton Button { get; private set; } = new FakeButton();

    /// <summary>True when real GPIO pins are in use.</summary>
    public bool UsingGpio => _controller != null;

    /// <inheritdoc/>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        GpioOptions pins;
        string source;
        string reason = "disabled by GpioOptions:Enabled";
        try
        {
            pins = PinMap.Apply(_options, out source);
        }
        catch (InvalidOperationException e)
        {
            // The hub keeps working; only the front panel is off until the map is fixed.
            _logger.LogError("{Problem}; no GPIO pin will be driven", e.Message);
            pins = new GpioOptions { Enabled = false };
            source = "none";
            reason = e.Message;
        }

        _controller = pins.Enabled ? _factory.TryCreate(out reason) : null;
        if (_controller == null)
        {
            _logger.LogInformation("GPIO not available ({Reason}); front-panel LEDs, buzzer and button are simulated", reason);
        }
        else
        {
            try
            {
                BrokerLed = new GpioStatusLed(_controller, pins.BrokerLedPin);
                CloudLed = new GpioStatusLed(_controller, pins.CloudLedPin);
                AlertLed = new GpioStatusLed(_controller, pins.AlertLedPin);
                Buzzer = new GpioStatusLed(_controller, pins.BuzzerPin);
                Button = new GpioButton(_controller, pins.ButtonPin);
                _logger.LogInformation("GPIO pins from {Source}: broker LED {Broker}, cloud LED {Cloud}, alert LED {Alert}, buzzer {Buzzer}, button {Button}",
                    source, pins.BrokerLedPin, pins.CloudLedPin, pins.AlertLedPin, pins.BuzzerPin, pins.ButtonPin);
            }
            catch (Exception e) when (e is InvalidOperationException or System.IO.IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
            {
                _logger.LogWarning(e, "GPIO pins could not be opened; front-panel outputs are simulated");
                DisposeOutputs();
                _controller.Dispose();
                _controller = null;
                BrokerLed = new FakeStatusLed();
                CloudLed = new FakeStatusLed();
                AlertLed = new FakeStatusLed();
                Buzzer = new FakeStatusLed();
                Button = new FakeButton();
            }
        }

        Button.Pressed += SilenceFromButton;
        Refresh(0);
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        Button.Pressed -= SilenceFromButton;
        DisposeOutputs();
        _controller?.Dispose();
        _controller = null;
    }

    /// <summary>Sets every output from the current state; <paramref name="tick"/> drives the buzzer's beep.</summary>
    public void Refresh(long tick)
    {
        BrokerLed.Set(_broker.Started);
        CloudLed.Set(_forwarder.Enabled && _forwarder.LinkOk);
        AlertLed.Set(_alarms.RedAlertUnacknowledged || _alarms.DiskAlarm);
        // 0.5 s on, 0.5 s off: a continuous tone is easier to ignore and harder to place.
        Buzzer.Set(_alarms.RedAlertSounding && (tick / 2) % 2 == 0);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(s_tick, _time);
        long tick = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Refresh(++tick);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    // The silence is recorded on each alert it stops, so "who silenced it?" always has an answer.
    private void SilenceFromButton()
    {
        try
        {
            _annunciator.Silence("button");
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            _logger.LogError(e, "the silence button was pressed but could not be recorded; the buzzer keeps sounding");
        }
    }

    private void DisposeOutputs()
    {
        BrokerLed.Dispose();
        CloudLed.Dispose();
        AlertLed.Dispose();
        Buzzer.Dispose();
        Button.Dispose();
    }
}
