namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// Credentials from a profile's <c>credential_process</c>: the command is run (split like a POSIX
/// shell would, without a shell), and its standard output must be the JSON document the AWS CLI
/// documents (<c>"Version": 1</c>, <c>AccessKeyId</c>, <c>SecretAccessKey</c>, optional
/// <c>SessionToken</c> and <c>Expiration</c>). Credentials are kept until 5 minutes before they expire.
/// </summary>
public sealed class ProcessCredentialsProvider : IAwsCredentialsProvider, IAsyncCredentialsSource
{
    private const string SettingName = "credential_process";
    private static readonly TimeSpan ExpiryWindow = TimeSpan.FromMinutes(5);

    private readonly string? _profileName;
    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ExpiringCredentials? _cached;
    private string? _command;

    /// <summary>Creates a provider for a profile.</summary>
    /// <param name="profileName">The profile; null for <c>AWS_PROFILE</c>, else <c>default</c>.</param>
    /// <param name="getEnvironmentVariable">Reads environment variables; null for the process environment.</param>
    /// <param name="timeProvider">The clock; null for the system clock.</param>
    public ProcessCredentialsProvider(string? profileName = null, Func<string, string?>? getEnvironmentVariable = null, TimeProvider? timeProvider = null)
    {
        _profileName = profileName;
        _getEnvironmentVariable = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long the process may run (a minute: it may ask the user for a second factor).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(1);

    string IAsyncCredentialsSource.Description => $"credential_process (profile '{SharedConfigFile.ResolveProfileName(_profileName, _getEnvironmentVariable)}')";

    /// <inheritdoc />
    /// <exception cref="AwsCredentialsException">The profile has no <c>credential_process</c>, or the process failed or printed no usable credentials.</exception>
    public async ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        CredentialsLookup lookup = await ((IAsyncCredentialsSource)this).TryGetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        return lookup.Credentials ?? throw new AwsCredentialsException($"No AWS credentials from credential_process: {lookup.Failure}.");
    }

    async ValueTask<CredentialsLookup> IAsyncCredentialsSource.TryGetCredentialsAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh)
        {
            return new CredentialsLookup(fresh, null);
        }

        string profile = SharedConfigFile.ResolveProfileName(_profileName, _getEnvironmentVariable);

        // The files are read once (the chain asks on every call); "" remembers "no credential_process".
        string? command = Volatile.Read(ref _command);
        if (command is null)
        {
            command = ReadCommand(profile) ?? string.Empty;
            Volatile.Write(ref _command, command);
        }

        if (string.IsNullOrWhiteSpace(command))
        {
            return CredentialsLookup.NotConfigured($"profile '{profile}' has no {SettingName}");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } fetched)
            {
                return new CredentialsLookup(fetched, null);
            }

            byte[] output = await RunAsync(command, profile, cancellationToken).ConfigureAwait(false);
            if (!ExpiringCredentialsJson.TryParse(output, $"credential_process of profile '{profile}'", out AwsCredentials? credentials, out DateTimeOffset? expiration, out string? problem, requireVersion1: true))
            {
                throw new AwsCredentialsException(problem + ".");
            }

            Volatile.Write(ref _cached, new ExpiringCredentials(credentials!, expiration));
            return new CredentialsLookup(credentials, null);
        }
        finally
        {
            _gate.Release();
        }
    }

    private string? ReadCommand(string profile)
    {
        string? command = null;
        try
        {
            SharedConfigFile config = SharedConfigFile.LoadConfigFile(_getEnvironmentVariable);
            if (!config.TryGetValue(profile, SettingName, out command))
            {
                SharedConfigFile credentialsFile = SharedConfigFile.LoadCredentialsFile(_getEnvironmentVariable);
                credentialsFile.TryGetValue(profile, SettingName, out command);
            }
        }
        catch (Exception ex) when (ex is FormatException or System.IO.IOException or UnauthorizedAccessException)
        {
            throw new AwsCredentialsException($"The shared config file cannot be read: {ex.Message}", ex);
        }

        return command;
    }

    /// <summary>Splits a command line as a POSIX shell would (quotes and backslashes), without expanding anything.</summary>
    /// <param name="command">The command line.</param>
    /// <exception cref="FormatException">A quote is not closed.</exception>
    public static IReadOnlyList<string> SplitCommandLine(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        for (int i = 0; i < command.Length; i++)
        {
            char c = command[i];
            if (quote == '\'')
            {
                if (c == '\'')
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (quote == '"')
            {
                if (c == '"')
                {
                    quote = '\0';
                }
                else if (c == '\\' && i + 1 < command.Length && command[i + 1] is '"' or '\\' or '$' or '`')
                {
                    word.Append(command[++i]);
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                inWord = true;
                if (c is '\'' or '"')
                {
                    quote = c;
                }
                else if (c == '\\' && i + 1 < command.Length && !OperatingSystem.IsWindows())
                {
                    word.Append(command[++i]);
                }
                else
                {
                    word.Append(c);
                }
            }
        }

        if (quote != '\0')
        {
            throw new FormatException("credential_process has an unclosed quote.");
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private AwsCredentials? Fresh() =>
        Volatile.Read(ref _cached) is { } cached && (cached.Expiration is null || cached.Expiration.Value - _time.GetUtcNow() > ExpiryWindow)
            ? cached.Credentials
            : null;

    private async Task<byte[]> RunAsync(string command, string profile, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> words;
        try
        {
            words = SplitCommandLine(command);
        }
        catch (FormatException bad)
        {
            throw new AwsCredentialsException($"credential_process of profile '{profile}' cannot be read: {bad.Message}", bad);
        }

        if (words.Count == 0)
        {
            throw new AwsCredentialsException($"credential_process of profile '{profile}' is empty.");
        }

        var start = new ProcessStartInfo(words[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        for (int i = 1; i < words.Count; i++)
        {
            start.ArgumentList.Add(words[i]);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new AwsCredentialsException($"credential_process of profile '{profile}' could not be started.");
        }
        catch (System.ComponentModel.Win32Exception notFound)
        {
            throw new AwsCredentialsException($"credential_process of profile '{profile}' could not be started ({words[0]}): {notFound.Message}", notFound);
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            using var stdout = new System.IO.MemoryStream();
            Task copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout, timeout.Token);
            Task<string> readErr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await Task.WhenAll(copyOut, readErr, process.WaitForExitAsync(timeout.Token)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new AwsCredentialsException($"credential_process of profile '{profile}' did not finish within {Timeout.TotalSeconds:0} s.");
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0)
            {
                string error = (await readErr.ConfigureAwait(false)).ReplaceLineEndings(" ").Trim();
                throw new AwsCredentialsException($"credential_process of profile '{profile}' exited with code {process.ExitCode}{(error.Length > 0 ? ": " + (error.Length > 200 ? error[..200] + "..." : error) : string.Empty)}.");
            }

            return stdout.ToArray();
        }
    }
}
