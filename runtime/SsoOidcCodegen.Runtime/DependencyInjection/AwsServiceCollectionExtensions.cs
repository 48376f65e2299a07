namespace SsoOidcCodegen.Runtime.DependencyInjection;

using System;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>Registers generated clients in an <see cref="IServiceCollection"/>.</summary>
public static class AwsServiceCollectionExtensions
{
    /// <summary>
    /// Registers a client as a singleton whose <see cref="HttpClient"/> comes from
    /// <see cref="IHttpClientFactory"/> (a named client per client type, so handlers rotate and
    /// connections are reused) and whose logger comes from the container's <see cref="ILoggerFactory"/>.
    /// Generated clients add a typed shortcut, for example <c>services.AddSsoOidcClient(...)</c>.
    /// </summary>
    /// <typeparam name="TClient">The type the client is resolved as (usually its interface).</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="create">Creates the client from its options (no reflection).</param>
    /// <param name="configure">Sets region, endpoint, credentials, retries and timeouts.</param>
    /// <returns>The builder for the named <see cref="HttpClient"/>, to add handlers or a proxy.</returns>
    public static IHttpClientBuilder AddAwsClient<TClient>(this IServiceCollection services, Func<AwsClientOptions, TClient> create, Action<AwsClientOptions>? configure = null)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(create);
        string name = typeof(TClient).FullName ?? typeof(TClient).Name;
        IHttpClientBuilder builder = services.AddHttpClient(name, client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan);
        services.AddSingleton(provider =>
        {
            var options = new AwsClientOptions();
            configure?.Invoke(options);
            options.HttpClient ??= provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);
            options.Logger ??= provider.GetService<ILoggerFactory>()?.CreateLogger(name);
            return create(options);
        });
        return builder;
    }
}
