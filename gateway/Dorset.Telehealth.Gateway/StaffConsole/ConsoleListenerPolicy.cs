using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>
/// The console carries passwords and patient data, so the gateway refuses to start with a plain-HTTP listener that
/// anyone but the box itself can reach: beyond loopback it listens over HTTPS with the hub certificate. Checked over
/// every way ASP.NET Core takes addresses (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>Urls</c>, <c>Kestrel:Endpoints</c>).
/// </summary>
public sealed class ConsoleListenerPolicy : IValidateOptions<ConsoleListenerPolicy.Listeners>
{
    /// <summary>The configured listener addresses.</summary>
    public sealed class Listeners
    {
        /// <summary>Every configured URL.</summary>
        public IReadOnlyList<string> Urls { get; set; } = Array.Empty<string>();
    }

    /// <summary>Every listener address in <paramref name="configuration"/>.</summary>
    public static IReadOnlyList<string> UrlsIn(IConfiguration configuration)
    {
        var urls = new List<string>();
        foreach (string? list in new[] { configuration["urls"], configuration["ASPNETCORE_URLS"] })
        {
            urls.AddRange((list ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        urls.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return urls;
    }

    /// <summary>Null when <paramref name="url"/> may serve the console; otherwise why not.</summary>
    public static string? Problem(string url)
    {
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return $"listener '{url}' is not a URL such as http://127.0.0.1:5080 or https://0.0.0.0:5443";
        }

        if (url[..scheme].Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // Host of http://host:port/..., with brackets for IPv6; '*' and '+' are Kestrel's "every address".
        string rest = url[(scheme + 3)..];
        string host = rest.StartsWith('[') ? rest[1..Math.Max(1, rest.IndexOf(']'))] : rest.Split(':', '/')[0];
        bool loopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out IPAddress? address) && IPAddress.IsLoopback(address));
        return loopback ? null
            : $"listener '{url}' would serve the console's passwords and patient data in clear beyond this box: use http://127.0.0.1:PORT for the box itself and https://0.0.0.0:PORT (the hub certificate) for the hub network";
    }

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, Listeners options)
    {
        var problems = options.Urls.Select(Problem).OfType<string>().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
