namespace SsoOidcCodegen.Runtime.Auth;

/// <summary>Which of the two shared files a <see cref="SharedConfigFile"/> was read as: they name profiles differently.</summary>
public enum SharedConfigFileKind
{
    /// <summary><c>~/.aws/credentials</c>: a profile's section is <c>[name]</c>.</summary>
    Credentials,

    /// <summary><c>~/.aws/config</c>: a profile's section is <c>[profile name]</c>, or <c>[default]</c>; other sections (<c>[sso-session x]</c>, <c>[services x]</c>) are not profiles.</summary>
    Config,
}
