using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>
/// A console refusal with no words of its own (a form whose antiforgery token is missing or stale answers an empty
/// 400) gets a sentence a nurse can act on instead of the browser's blank error page. APIs keep their bare status.
/// </summary>
public static class ConsoleStatusPages
{
    /// <summary>Writes the page for the refused request.</summary>
    public static Task WriteAsync(StatusCodeContext context)
    {
        HttpContext http = context.HttpContext;
        if (http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/events"))
        {
            return Task.CompletedTask;
        }

        string sentence = http.Response.StatusCode switch
        {
            StatusCodes.Status400BadRequest => "The console refused that form: it had expired or did not come from this console. Go back, reload the page and try again.",
            StatusCodes.Status404NotFound => "There is no such page in the hub console.",
            _ => $"The hub console could not do that (HTTP {http.Response.StatusCode}).",
        };
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8"><title>Refused - Dorset Telehealth hub</title><link rel="stylesheet" href="/console.css"></head>
            <body><main id="main"><h1>Not done</h1><p role="alert">{WebUtility.HtmlEncode(sentence)}</p><p><a href="/">Back to the overview</a></p></main></body></html>
            """);
    }
}
