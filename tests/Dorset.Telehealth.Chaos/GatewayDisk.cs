using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Chaos;

/// <summary>
/// The gateway's data directory on a small tmpfs of its own (mounting needs root), so the run can fill that disk
/// until the gateway's disk guard trips, and free it again. Bounded: the fill writes at most the tmpfs's size, and each
/// wait has a deadline.
/// </summary>
public sealed class GatewayDisk(string directory)
{
    /// <summary>The tmpfs's size.</summary>
    public const long SizeBytes = 96L * 1024 * 1024;

    /// <summary>The gateway's disk guard threshold on it (GatewayOptions:MinimumFreeDiskBytes).</summary>
    public const long GuardBytes = 24L * 1024 * 1024;

    private const long LeaveFreeBytes = 12L * 1024 * 1024;
    private readonly string _ballast = Path.Combine(directory, "chaos-ballast");

    /// <summary>Why the disk fault cannot run here, or null when it can.</summary>
    public static string? Unavailable() =>
        Environment.UserName != "root" ? "mounting a tmpfs for the gateway's data needs root"
        : !File.Exists("/bin/mount") && !File.Exists("/usr/bin/mount") ? "mount(8) not found" : null;

    /// <summary>Mounts the tmpfs on the (empty) directory, owner only.</summary>
    public async Task MountAsync()
    {
        Directory.CreateDirectory(directory);
        await RunAsync("mount", "-t", "tmpfs", "-o", $"size={SizeBytes},mode=0700", "tmpfs", directory);
    }

    /// <summary>Unmounts it (the gateway must have stopped).</summary>
    public Task UnmountAsync() => RunAsync("umount", "-l", directory);

    /// <summary>
    /// Fills the disk to below the guard's threshold and waits until the gateway's /health says so (503); true when it
    /// did within <paramref name="timeout"/>.
    /// </summary>
    public async Task<bool> FillUntilTrippedAsync(string gatewayUrl, TimeSpan timeout, CancellationToken cancel)
    {
        var buffer = new byte[1024 * 1024];
        new Random(1).NextBytes(buffer);
        await using (var file = new FileStream(_ballast, FileMode.Create, FileAccess.Write))
        {
            for (long written = 0; written < SizeBytes && new DriveInfo(directory).AvailableFreeSpace > LeaveFreeBytes; written += buffer.Length)
            {
                await file.WriteAsync(buffer, cancel);
                await file.FlushAsync(cancel);
            }
        }

        return await WaitHealthAsync(gatewayUrl, healthy: false, timeout, cancel);
    }

    /// <summary>Frees what the fill took and waits until the gateway's /health is 200 again; true when it was within <paramref name="timeout"/>.</summary>
    public async Task<bool> FreeAsync(string gatewayUrl, TimeSpan timeout, CancellationToken cancel)
    {
        File.Delete(_ballast);
        return await WaitHealthAsync(gatewayUrl, healthy: true, timeout, cancel);
    }

    private static async Task<bool> WaitHealthAsync(string gatewayUrl, bool healthy, TimeSpan timeout, CancellationToken cancel)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        DateTime deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(gatewayUrl + "/health", cancel);
                if (response.IsSuccessStatusCode == healthy)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
            {
            }

            await Task.Delay(250, cancel);
        }

        return false;
    }

    private static async Task RunAsync(string command, params string[] args)
    {
        using var process = ChildProcess.Start(command, args);
        int code = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        if (code != 0)
        {
            throw new IOException($"{command} {string.Join(' ', args)} exited {code}: {process.StandardError.Trim()}");
        }
    }
}
