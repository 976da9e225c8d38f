using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.HomeUnit.Tests.Interop;

/// <summary>
/// Debian's mosquitto on a free loopback port, with a password file and an ACL `pattern` that confines each unit to
/// its own topics, plus an admin user for the test's own mosquitto_pub/mosquitto_sub. Skips (or fails under
/// DORSET_REQUIRE_INTEGRATION=1) when mosquitto is not installed.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    public const string Admin = "admin";
    public const string AdminPassword = "admin-password-0123";

    private readonly ChildProcess _process;

    private MosquittoBroker(string directory, int port, ChildProcess process, string pub, string sub)
    {
        Directory = directory;
        Port = port;
        _process = process;
        Pub = pub;
        Sub = sub;
    }

    public string Directory { get; }

    public int Port { get; }

    public string Pub { get; }

    public string Sub { get; }

    public static async Task<MosquittoBroker> StartAsync(IReadOnlyDictionary<string, string> units)
    {
        const string why = "the interop test runs the unit against a third-party broker";
        string mosquitto = IntegrationTool.Require(why, "mosquitto", "/usr/sbin/mosquitto");
        string passwd = IntegrationTool.Require(why, "mosquitto_passwd");
        string pub = IntegrationTool.Require(why, "mosquitto_pub");
        string sub = IntegrationTool.Require(why, "mosquitto_sub");
        string directory = Path.Combine(Path.GetTempPath(), "dorset-mosquitto-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        string passwordFile = Path.Combine(directory, "passwords");
        await Run(passwd, ["-c", "-b", passwordFile, Admin, AdminPassword]);
        foreach (var (unit, secret) in units)
        {
            await Run(passwd, ["-b", passwordFile, unit, secret]);
        }

        File.WriteAllText(Path.Combine(directory, "acl"), $"user {Admin}\ntopic readwrite #\n\npattern write dorset/v1/%u/#\npattern read dorset/v1/%u/config\n");
        int port = FreePort.Next();
        File.WriteAllText(Path.Combine(directory, "mosquitto.conf"),
            $"listener {port} 127.0.0.1\nallow_anonymous false\npassword_file {passwordFile}\nacl_file {Path.Combine(directory, "acl")}\npersistence false\n");
        if (Environment.UserName == "root")
        {
            // Started as root, mosquitto drops to its own user, which must be able to read the files.
            await Run("chown", ["-R", "mosquitto", directory]);
        }

        var process = ChildProcess.Start(mosquitto, ["-c", Path.Combine(directory, "mosquitto.conf"), "-v"]);
        var broker = new MosquittoBroker(directory, port, process, pub, sub);
        await Eventually.TrueAsync(() => process.HasExited ? throw new InvalidOperationException("mosquitto exited: " + process.StandardError) : broker.Logged("running"),
            TimeSpan.FromSeconds(10), "mosquitto running", () => "mosquitto's log: " + process.StandardError);

        return broker;
    }

    /// <summary>Publishes as the admin user (QoS 1).</summary>
    public Task PublishAsync(string topic, string message, bool retain, string? user = null, string? password = null)
    {
        var args = new List<string> { "-p", Port.ToString(), "-u", user ?? Admin, "-P", password ?? AdminPassword, "-t", topic, "-q", "1", "-m", message };
        if (retain)
        {
            args.Add("-r");
        }

        return Run(Pub, args);
    }

    /// <summary>
    /// Starts mosquitto_sub as admin, printing each payload as hex on its own line. Returns once the broker has sent
    /// its SUBACK, so that nothing the test publishes after is missed by a subscription not yet in place.
    /// </summary>
    public async Task<ChildProcess> SubscribeAsync(string filter)
    {
        string client = "test-sub-" + Guid.NewGuid().ToString("N");
        var subscriber = ChildProcess.Start(Sub, ["-p", Port.ToString(), "-u", Admin, "-P", AdminPassword, "-i", client, "-t", filter, "-q", "1", "-F", "%t %x"]);
        try
        {
            await Eventually.TrueAsync(() => Logged($"Sending SUBACK to {client}"), because: $"mosquitto acknowledges the subscription to {filter}",
                seen: () => "mosquitto_sub's stderr: " + subscriber.StandardError);
        }
        catch
        {
            subscriber.Dispose();
            throw;
        }

        return subscriber;
    }

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Whether mosquitto (started with -v, logging to stderr) has logged <paramref name="text"/>.</summary>
    private bool Logged(string text) =>
        _process.StandardError.Contains(text, StringComparison.Ordinal) || _process.StandardOutput.Contains(text, StringComparison.Ordinal);

    private static async Task Run(string file, IEnumerable<string> args)
    {
        using var process = ChildProcess.Start(file, args);
        int code = await process.WaitForExitAsync(TimeSpan.FromSeconds(20));
        if (code != 0)
        {
            throw new InvalidOperationException($"{file} exited {code}: {process.StandardError}");
        }
    }
}
