namespace SsoOidcCodegen.Generator.Emitting;

using System;
using System.Collections.Generic;
using System.Text;
using SsoOidcCodegen.Generator.Model;

/// <summary>
/// A service's files before their classes are rendered: every file, in order, and the classes they hold (the wire
/// output's serializers and operations, <see cref="ServiceEmitter.PlanWireFiles"/>; the surface's files, each one class
/// or interface part, <see cref="ServiceEmitter.PlanSurfaceFiles"/>).
/// </summary>
/// <param name="Files">The files in order: rendered ones, and files of classes (their first lines, and which classes).</param>
/// <param name="Classes">The classes of the files of classes, in order.</param>
/// <param name="ClassStart">What every class's render starts with (the header and the namespace), which a file of classes writes once.</param>
internal sealed record FilePlan(EquatableArray<PlannedFile> Files, EquatableArray<ClassRender> Classes, string ClassStart)
{
    /// <summary>The files, with <paramref name="classes"/> the renders of <see cref="Classes"/> (<see cref="ClassRender.Render"/>), in order.</summary>
    public IReadOnlyList<GeneratedSource> Render(IReadOnlyList<string> classes)
    {
        if (classes.Count != Classes.Count)
        {
            throw new ArgumentException($"{classes.Count} classes rendered for a plan of {Classes.Count}.", nameof(classes));
        }

        var sources = new List<GeneratedSource>(Files.Count);
        foreach (PlannedFile file in Files)
        {
            if (file.Whole)
            {
                sources.Add(new GeneratedSource(file.HintName, ServiceEmitter.EndingInOneNewLine(classes[file.FirstClass])));
                continue;
            }

            if (file.ClassCount == 0)
            {
                sources.Add(new GeneratedSource(file.HintName, file.Text));
                continue;
            }

            int length = file.Text.Length;
            for (int i = file.FirstClass; i < file.FirstClass + file.ClassCount; i++)
            {
                length += classes[i].Length + 2 - ClassStart.Length;
            }

            var text = new StringBuilder(file.Text, length);
            for (int i = file.FirstClass; i < file.FirstClass + file.ClassCount; i++)
            {
                string rendered = classes[i];
                if (!rendered.StartsWith(ClassStart, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"The render of {Classes[i].ClassName} does not start with the file header and its namespace.");
                }

                int end = Math.Max(ServiceEmitter.EndWithoutNewLines(rendered), ClassStart.Length);
                text.Append('\n').Append(rendered, ClassStart.Length, end - ClassStart.Length).Append('\n');
            }

            sources.Add(new GeneratedSource(file.HintName, text.ToString()));
        }

        return sources;
    }
}

/// <summary>
/// One planned file: a rendered file (<see cref="ClassCount"/> 0, <see cref="Text"/> the whole file), a file of classes
/// (<see cref="Text"/> its first lines, then <see cref="ClassCount"/> classes of the plan from <see cref="FirstClass"/>),
/// or, <see cref="Whole"/>, the render of the plan's class <see cref="FirstClass"/> as it is.
/// </summary>
internal sealed record PlannedFile(string HintName, string Text, int FirstClass, int ClassCount, bool Whole = false)
{
    /// <summary>A rendered file.</summary>
    public static PlannedFile Complete(GeneratedSource source) => new(source.HintName, source.Text, 0, 0);
}
