namespace SsoOidcCodegen.Tests.Generator;

using System.IO;
using System.Linq;
using SsoOidcCodegen.Tests.Infrastructure;
using Xunit;

/// <summary>
/// A consumer written against the first published SSO OIDC model (2019-11-07) compiles unchanged
/// against the client generated from every later version: model updates only add.
/// </summary>
[Trait("Category", TestCategories.Generator)]
public sealed class ModelUpdateCompatibilityTests
{
    /// <summary>Uses every operation, member and error of the 2019-11-07 model.</summary>
    private const string Consumer = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Consumer.SsoOidc;
        using Consumer.SsoOidc.Model;
        using SsoOidcCodegen.Runtime;

        public static class LoginWith2019Api
        {
            public static async Task<string?> RunAsync(ISsoOidcClient client, CancellationToken cancellationToken)
            {
                RegisterClientResponse registration = await client.RegisterClientAsync(
                    new RegisterClientRequest { ClientName = "tool", ClientType = "public", Scopes = new List<string> { "sso:account:access" } },
                    cancellationToken);
                string? endpoints = registration.AuthorizationEndpoint + registration.TokenEndpoint;
                long issued = registration.ClientIdIssuedAt ?? 0;
                long expires = registration.ClientSecretExpiresAt ?? 0;

                StartDeviceAuthorizationResponse device = await client.StartDeviceAuthorizationAsync(
                    new StartDeviceAuthorizationRequest { ClientId = registration.ClientId, ClientSecret = registration.ClientSecret, StartUrl = "https://example.awsapps.com/start" },
                    cancellationToken);
                string shown = $"{device.VerificationUri} {device.VerificationUriComplete} {device.UserCode} {device.ExpiresIn} {device.Interval} {endpoints} {issued} {expires}";

                var request = new CreateTokenRequest
                {
                    ClientId = registration.ClientId,
                    ClientSecret = registration.ClientSecret,
                    GrantType = "urn:ietf:params:oauth:grant-type:device_code",
                    DeviceCode = device.DeviceCode,
                    Code = null,
                    RefreshToken = null,
                    Scope = new List<string>(),
                    RedirectUri = null,
                };
                try
                {
                    CreateTokenResponse token = await client.CreateTokenAsync(request, cancellationToken);
                    return token.AccessToken + token.TokenType + token.ExpiresIn + token.RefreshToken + token.IdToken + shown;
                }
                catch (AuthorizationPendingException e) { return e.Error + e.ErrorDescription; }
                catch (SlowDownException e) { return e.Error + e.ErrorDescription; }
                catch (ExpiredTokenException e) { return e.Error + e.ErrorDescription; }
                catch (AccessDeniedException e) { return e.Error + e.ErrorDescription; }
                catch (InvalidClientException e) { return e.Error + e.ErrorDescription; }
                catch (InvalidClientMetadataException e) { return e.Error + e.ErrorDescription; }
                catch (InvalidGrantException e) { return e.Error + e.ErrorDescription; }
                catch (InvalidRequestException e) { return e.Error + e.ErrorDescription; }
                catch (InvalidScopeException e) { return e.Error + e.ErrorDescription; }
                catch (UnauthorizedClientException e) { return e.Error + e.ErrorDescription; }
                catch (UnsupportedGrantTypeException e) { return e.Error + e.ErrorDescription; }
                catch (InternalServerException e) { return e.Error + e.ErrorDescription; }
                catch (SsoOidcException e) { return e.ErrorCode; }
                catch (AwsServiceException e) { return e.RequestId; }
            }
        }
        """;

    public static TheoryData<string> Versions()
    {
        var data = new TheoryData<string>();
        string? models = ReferenceData.TryGet("AWS_MODELS_DIR", "aws/models");
        string? history = models is null ? null : Path.Combine(models, "sso-oidc", "history");
        if (history is null || !Directory.Exists(history))
        {
            data.Add("(AWS_MODELS_DIR missing)");
            return data;
        }

        foreach (string file in Directory.GetFiles(history, "*.json").OrderBy(f => f, System.StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        data.Add("model/sso-oidc-2019-06-10.json");
        return data;
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void A_consumer_of_the_2019_model_compiles_unchanged_against(string version)
    {
        string path = version.StartsWith("model/", System.StringComparison.Ordinal)
            ? Path.Combine(ReferenceData.RepoRoot, version)
            : Path.Combine(ReferenceData.Models, "sso-oidc", "history", version);
        GeneratorRun run = GeneratorHarness.Run(
            new[] { new ModelFile(path, File.ReadAllText(path), Namespace: "Consumer.SsoOidc", ClientName: "SsoOidcClient") },
            Consumer);
        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        Assert.True(run.CompileDiagnostics.Count == 0, GeneratorRun.Describe(run.CompileDiagnostics));
    }
}
