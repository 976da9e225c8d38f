using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Dorset.Telehealth.Cloud.Smart;

/// <summary>
/// Who may do a FHIR interaction (issue 16 §3): a SMART access token only within its scopes, per resource type and
/// interaction (<see cref="FhirInteraction"/>), so a token for Observation cannot read Patient; a reader secret as
/// before (every interaction), until revoked; a gateway never.
/// </summary>
public sealed class FhirAccessRequirement : AuthorizationHandler<FhirAccessRequirement>, IAuthorizationRequirement
{
    /// <summary>The claim carrying one granted scope of a SMART token.</summary>
    public const string ScopeClaim = "scope";

    /// <inheritdoc/>
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, FhirAccessRequirement requirement)
    {
        if (context.Resource is HttpContext http && FhirInteraction.Of(http) is { } interaction)
        {
            bool allowed = context.User.IsInRole(BearerAuthenticationHandler.ReaderRole)
                || (context.User.IsInRole(BearerAuthenticationHandler.SmartClientRole)
                    && SmartScopeSet.Parse(string.Join(' ', context.User.FindAll(ScopeClaim).Select(c => c.Value))).Permits(interaction.ResourceType, interaction.Permission));
            if (allowed)
            {
                context.Succeed(requirement);
            }
        }

        return Task.CompletedTask;
    }
}
