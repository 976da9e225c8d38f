using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Cloud.Tests.Fixtures;

/// <summary>
/// The rest-hook subscriber (tests/Dorset.Telehealth.TestSubscriber) as a real process on a real port, which a test
/// kills (SIGKILL, as an outage) and starts again on the same port. Every incarnation's output is kept, so the test
/// sees every event the subscriber ever acknowledged.
/// </summary>
public sealed class SubscriberProcess : IDisposable
{
    private static readonly string s_binary = Path.Combine(AppContext.BaseDirectory, "dorset-test-subscriber.dll");
    private readonly List<ChildProcess> _incarnations = new();
    private readonly string? _expectHeader;

    /// <summary>A subscriber on a free port, not yet started.</summary>
    public SubscriberProcess(string? expectHeader = null, string? saveDirectory = null)
    {
        Port = FreePort.Next();
        _expectHeader = expectHeader;
        SaveDirectory = saveDirectory;
    }

    /// <summary>Its port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Where it saves each notification body, or null.</summary>
    public string? SaveDirectory { get; }

    /// <summary>The endpoint to register.</summary>
    public string Endpoint => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/notify";

    /// <summary>Starts an incarnation and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        var args = new List<string> { "--urls", $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}" };
        if (_expectHeader != null)
        {
            args.AddRange(new[] { "--expect-header", _expectHeader });
        }

        if (SaveDirectory != null)
        {
            args.AddRange(new[] { "--save-dir", SaveDirectory });
        }

        ChildProcess child = ChildProcess.StartDotnet(s_binary, args);
        _incarnations.Add(child);
        await child.WaitForOutputAsync("listening", TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGKILLs the running incarnation: the endpoint refuses connections until the next start.</summary>
    public void Kill() => _incarnations[^1].Kill();

    /// <summary>Every event acknowledged, in arrival order across incarnations: (subscription reference, event number, focus reference).</summary>
    public IReadOnlyList<(string Subscription, long Number, string Focus)> Events =>
        _incarnations.SelectMany(c => c.StandardOutput.Split('\n'))
            .Select(l => l.Trim().Split(' '))
            .Where(p => p.Length == 4 && p[0] == "event")
            .Select(p => (p[1], long.Parse(p[2], CultureInfo.InvariantCulture), p[3]))
            .ToList();

    /// <summary>
    /// Waits until the running incarnation has printed <paramref name="text"/>: it prints before it answers, but the
    /// test reads its stdout through a pipe, so a 2xx the cloud has recorded may not have been read here yet.
    /// </summary>
    public Task WaitForOutputAsync(string text) => _incarnations[^1].WaitForOutputAsync(text, TimeSpan.FromSeconds(30));

    /// <summary>Everything every incarnation printed.</summary>
    public string Output => string.Concat(_incarnations.Select(c => c.StandardOutput));

    /// <summary>How many notifications were refused for a missing header.</summary>
    public int Refused => _incarnations.Sum(c => c.StandardOutput.Split('\n').Count(l => l.Trim() == "refused"));

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (ChildProcess child in _incarnations)
        {
            child.Dispose();
        }
    }
}
