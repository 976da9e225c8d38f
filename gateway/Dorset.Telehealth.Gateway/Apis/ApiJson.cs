using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Dorset.Telehealth.Gateway.Apis;

/// <summary>Reading a JSON body by hand, so that a missing or malformed one gets a sentence, not an empty 400 from the binder.</summary>
public static class ApiJson
{
    /// <summary>The body as <typeparamref name="T"/>, or null when it is not JSON of that shape.</summary>
    public static async Task<T?> ReadAsync<T>(HttpContext http)
        where T : class
    {
        if (!http.Request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            return await http.Request.ReadFromJsonAsync<T>(http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
