namespace SsoOidcCodegen.Benchmarks.Reporting;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

/// <summary>
/// A text scatter plot of the generator-scale figures (cold ms against model MB) with the least-squares line, for
/// docs/benchmarks.md; printed to standard error so the standard output stays one line per figure.
/// </summary>
public static class ScalePlot
{
    private const int Width = 64;
    private const int Height = 20;

    /// <summary>The plot of the <c>generator.scale.*</c> figures among <paramref name="figures"/>, or null with fewer than 3 models.</summary>
    public static string? Render(IReadOnlyList<Figure> figures)
    {
        var sizes = figures.Where(f => f.Name.StartsWith("generator.scale.", StringComparison.Ordinal) && f.Name.EndsWith(".size", StringComparison.Ordinal))
            .ToDictionary(f => f.Name[..^".size".Length], f => f.Ours, StringComparer.Ordinal);
        var points = figures.Where(f => f.Name.EndsWith(".cold.time", StringComparison.Ordinal) && sizes.ContainsKey(f.Name[..^".cold.time".Length]))
            .Select(f => (X: sizes[f.Name[..^".cold.time".Length]], Y: f.Ours))
            .ToList();
        double? slope = figures.FirstOrDefault(f => f.Name == "generator.scale.fit.ms-per-mb")?.Ours;
        double? intercept = figures.FirstOrDefault(f => f.Name == "generator.scale.fit.intercept")?.Ours;
        if (points.Count < 3 || slope is null || intercept is null)
        {
            return null;
        }

        double maxX = points.Max(p => p.X);
        double maxY = Math.Max(points.Max(p => p.Y), intercept.Value + (slope.Value * maxX));
        var grid = new char[Height, Width];
        for (int row = 0; row < Height; row++)
        {
            for (int column = 0; column < Width; column++)
            {
                grid[row, column] = ' ';
            }
        }

        for (int column = 0; column < Width; column++)
        {
            double y = intercept.Value + (slope.Value * maxX * column / (Width - 1));
            int row = Row(y, maxY);
            if (row is >= 0 and < Height)
            {
                grid[row, column] = '.';
            }
        }

        foreach ((double x, double y) in points)
        {
            grid[Row(y, maxY), (int)Math.Round(x / maxX * (Width - 1))] = '*';
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"cold generation, ms (0 to {maxY:0}) against model size, MB (0 to {maxX:0.0}); * a model, . the least-squares line");
        for (int row = 0; row < Height; row++)
        {
            text.Append(row == 0 ? $"{maxY,6:0} |" : row == Height - 1 ? $"{0,6} |" : "       |");
            for (int column = 0; column < Width; column++)
            {
                text.Append(grid[row, column]);
            }

            text.AppendLine();
        }

        text.Append("       +").Append('-', Width).AppendLine();
        text.Append("        0").Append(' ', Width - 8).AppendLine(maxX.ToString("0.0", CultureInfo.InvariantCulture) + " MB");
        return text.ToString();
    }

    private static int Row(double y, double maxY) => Height - 1 - (int)Math.Round(Math.Max(0, y) / maxY * (Height - 1));
}
