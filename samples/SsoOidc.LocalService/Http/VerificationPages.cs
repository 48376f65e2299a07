namespace SsoOidc.LocalService.Http;

using System.Net;

/// <summary>The small HTML pages a user sees at <c>/verify</c> and when <c>/authorize</c> cannot redirect.</summary>
internal static class VerificationPages
{
    public static string EnterCode() => Page(
        "Sign in",
        """
        <form method="get" action="/verify">
          <label>Code <input name="user_code" autocomplete="off" autofocus></label>
          <button type="submit">Next</button>
        </form>
        """);

    public static string Confirm(string userCode)
    {
        string code = WebUtility.HtmlEncode(userCode);
        return Page(
            "Authorize request",
            $"""
            <p>Allow the application that shows the code <strong id="user-code">{code}</strong> to access your account?</p>
            <form method="post" action="/verify">
              <input type="hidden" name="user_code" value="{code}">
              <button type="submit" name="action" value="approve">Allow</button>
              <button type="submit" name="action" value="deny">Deny</button>
            </form>
            """);
    }

    public static string Message(string title, string text) => Page(title, "<p>" + WebUtility.HtmlEncode(text) + "</p>");

    private static string Page(string title, string body)
    {
        string encodedTitle = WebUtility.HtmlEncode(title);
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{encodedTitle}</title></head>
            <body>
            <h1>{encodedTitle}</h1>
            {body}
            </body>
            </html>
            """;
    }
}
