namespace SsoOidcCodegen.Benchmarks.Reporting;

using System.Globalization;

/// <summary>
/// One reported figure: <c>bench=&lt;name&gt; ours=&lt;value&gt; peer=&lt;value&gt; unit=&lt;ns|B|ms&gt; ratio=&lt;peer/ours&gt;</c>,
/// with <c>-</c> for a peer (and so a ratio) that does not exist.
/// </summary>
public sealed record Figure(string Name, double Ours, double? Peer, string Unit)
{
    /// <summary>peer / ours: above 1 means ours is faster (or smaller).</summary>
    public double? Ratio => Peer is { } peer && Ours > 0 ? peer / Ours : null;

    /// <summary>The figure as its one output line.</summary>
    public override string ToString() =>
        $"bench={Name} ours={Format(Ours)} peer={(Peer is { } peer ? Format(peer) : "-")} unit={Unit} ratio={(Ratio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : "-")}";

    private string Format(double value) => Unit switch
    {
        "B" => value.ToString("0", CultureInfo.InvariantCulture),
        "ns" => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.000", CultureInfo.InvariantCulture),
    };
}
