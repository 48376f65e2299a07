namespace SsoOidcCodegen.Runtime;

using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Auth;

/// <content>Authentication of requests: SigV4, bearer tokens, none; clock-skew correction.</content>
public abstract partial class AwsClient
{
    private readonly SigV4Signer signer = new();
    private readonly ClockSkew clockSkew = new();
    private IAwsCredentialsProvider? credentials;
    private bool skewChangedOnLastResponse;

    /// <summary>The clock-skew correction learnt from the service's <c>Date</c> headers.</summary>
    public ClockSkew ClockSkew => clockSkew;

    private void InitializeRuntime() => InitializeRetries();

    private async ValueTask SignAsync(HttpRequestMessage message, AwsAuthScheme scheme, byte[]? body, CancellationToken cancellationToken)
    {
        switch (scheme)
        {
            case AwsAuthScheme.None:
                return;
            case AwsAuthScheme.Bearer:
                if (Options.BearerToken is not { } tokenProvider)
                {
                    throw new AwsCredentialsException("This operation needs a bearer token: set AwsClientOptions.BearerToken.");
                }

                string token = await tokenProvider(cancellationToken).ConfigureAwait(false);
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return;
            default:
                credentials ??= Options.Credentials ?? new DefaultCredentialsChain(Options.Profile);
                AwsCredentials resolved = await credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
                string region = SigningRegion ?? RequireRegion();
                DateTimeOffset signingTime = clockSkew.GetSigningTime(Options.TimeProvider);
                signer.Sign(message, body is null ? ReadOnlySpan<byte>.Empty : body, resolved, region, Service.SigningName, signingTime, addContentSha256Header: true);
                return;
        }
    }

    /// <summary>The region SigV4 signs for; the client's region unless the endpoint rules say otherwise.</summary>
    protected virtual string? SigningRegion => Options.AuthenticationRegion;

    private void ObserveClock(HttpResponseMessage response) =>
        skewChangedOnLastResponse = clockSkew.TryUpdate(response, Options.TimeProvider.GetUtcNow());

    /// <summary>A clock-skew error that moved the skew correction is retried at once with a fresh signature.</summary>
    private bool IsCorrectedClockSkew(AwsServiceException? error) =>
        error is not null && skewChangedOnLastResponse && ClockSkew.IsClockSkewError(error.ErrorCode);
}
