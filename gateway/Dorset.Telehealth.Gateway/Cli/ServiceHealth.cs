using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Gateway.Cli;

/// <summary>
/// The running service's `/health` as `status` asks it, at the first address of --urls (a wildcard host read as
/// loopback): the raw document for `--json`, and the broker and disk checks for the summary.
/// </summary>
public sealed class ServiceHealth
{
    private ServiceHealth(string url, string? body, string? failure)
    {
        Url = url;
        Body = body;
        Failure = failure;
    }

    /// <summary>The /health address asked.</summary>
    public string Url { get; }

    /// <summary>The document as served (200 or 503), or null when the service did not answer.</summary>
    public string? Body { get; }

    /// <summary>Why the service did not answer, or null.</summary>
    public string? Failure { get; }

    /// <summary>Asks the service; null when no --urls was given.</summary>
    public static ServiceHealth? Ask(string? urls)
    {
        if (string.IsNullOrWhiteSpace(urls))
        {
            return null;
        }

        string first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0].Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://+", "://127.0.0.1", StringComparison.Ordinal);
        string url = first.TrimEnd('/') + "/health";
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            using var response = http.GetAsync(url).GetAwaiter().GetResult();
            return new ServiceHealth(url, response.Content.ReadAsStringAsync().GetAwaiter().GetResult(), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
        {
            return new ServiceHealth(url, null, ex is TaskCanceledException ? "no answer within 3 s" : ex.Message);
        }
    }

    /// <summary>A check's status and description (e.g. "Healthy", "MQTT broker accepting connections"), or null if absent.</summary>
    public (string Status, string Description)? Check(string name) =>
        Find(name) is { } check ? (Text(check, "status"), Text(check, "description")) : null;

    /// <summary>A number from a check's data (e.g. disk freeBytes), or null if absent.</summary>
    public long? Figure(string check, string key) =>
        Find(check) is { } found && found.TryGetProperty("data", out JsonElement data) && data.TryGetProperty(key, out JsonElement value)
            && value.TryGetInt64(out long number) ? number : null;

    private JsonElement? Find(string name)
    {
        if (Body is null)
        {
            return null;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(Body);
            return doc.RootElement.TryGetProperty("checks", out JsonElement checks) && checks.TryGetProperty(name, out JsonElement check)
                ? check.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Text(JsonElement check, string name) =>
        check.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "?";
}
