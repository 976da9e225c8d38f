using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dorset.Telehealth.Protocol.Tests.Portability;

/// <summary>
/// Compiles portable sources with Roslyn against the .NET reference assemblies and reports every construct that
/// stable nanoFramework cannot run: it looks at symbols (what a name binds to), not at text, so `using` aliases,
/// `var` and extension methods cannot hide a generic type, a LINQ call or System.Math.
/// </summary>
public static class PortabilityGuard
{
    private static readonly (string Type, PortabilityRule Rule)[] ForbiddenTypes =
    [
        ("System.Span`1", PortabilityRule.SpanOrMemory),
        ("System.ReadOnlySpan`1", PortabilityRule.SpanOrMemory),
        ("System.Memory`1", PortabilityRule.SpanOrMemory),
        ("System.ReadOnlyMemory`1", PortabilityRule.SpanOrMemory),
        ("System.DateTimeOffset", PortabilityRule.DateTimeOffset),
        ("System.Math", PortabilityRule.SystemMath),
        ("System.MathF", PortabilityRule.SystemMath),
        ("System.Diagnostics.Stopwatch", PortabilityRule.Stopwatch),
        ("System.Threading.Tasks.Task", PortabilityRule.Async),
        ("System.Threading.Tasks.Task`1", PortabilityRule.Async),
        ("System.Threading.Tasks.ValueTask", PortabilityRule.Async),
    ];

    // Namespaces an adapter has no portable reason to import: each serves only constructs the subset lacks.
    private static readonly (string Namespace, PortabilityRule Rule)[] ForbiddenImports =
    [
        ("System.Linq", PortabilityRule.Linq),
        ("System.Threading.Tasks", PortabilityRule.Async),
        ("System.Collections.Generic", PortabilityRule.Generics),
    ];

    /// <summary>Checks every .cs file below the given folders (bin/obj excluded).</summary>
    public static IReadOnlyList<PortabilityViolation> CheckFolders(params string[] folders)
    {
        var files = folders.Distinct().SelectMany(f => Directory.EnumerateFiles(f, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .OrderBy(f => f, StringComparer.Ordinal);
        return Check(files.Select(f => (Path.GetFileName(f), File.ReadAllText(f))), requireClean: true);
    }

    /// <summary>
    /// Checks the given sources, compiled together. With <paramref name="requireClean"/>, sources that do not compile
    /// are an error: a name that does not bind could hide a construct from the guard. Files for which
    /// <paramref name="isAdapter"/> is true use nanoFramework-only libraries (BLE, M2Mqtt, GPIO...), whose names cannot
    /// bind against .NET: their compile errors are expected, and besides every rule that needs no binding, the guard
    /// refuses there the imports that only serve forbidden constructs and any generic name, bound or not.
    /// </summary>
    public static IReadOnlyList<PortabilityViolation> Check(IEnumerable<(string Name, string Text)> sources, bool requireClean = false, Func<string, bool>? isAdapter = null)
    {
        isAdapter ??= _ => false;
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, new CSharpParseOptions(LanguageVersion.Latest), path: s.Name)).ToList();
        var compilation = CSharpCompilation.Create("portable", trees, References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        var errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && !(d.Location.SourceTree is { } tree && isAdapter(tree.FilePath))).ToList();
        if (requireClean && errors.Count > 0)
        {
            throw new InvalidOperationException("portable sources do not compile for the guard:\n" + string.Join("\n", errors.Take(10)));
        }

        var violations = new List<PortabilityViolation>();
        foreach (SyntaxTree tree in trees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            bool adapter = isAdapter(tree.FilePath);
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
            {
                foreach ((PortabilityRule rule, string what) in adapter ? InspectAdapter(node, model).Concat(Inspect(node, model)) : Inspect(node, model))
                {
                    int line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    violations.Add(new PortabilityViolation(tree.FilePath, line, rule, what));
                }
            }
        }

        return violations.Distinct().ToList();
    }

    private static IEnumerable<(PortabilityRule, string)> Inspect(SyntaxNode node, SemanticModel model)
    {
        switch (node)
        {
            case RecordDeclarationSyntax record:
                yield return (PortabilityRule.Record, "record " + record.Identifier.Text);
                break;
            case TypeParameterListSyntax parameters:
                yield return (PortabilityRule.Generics, "declares type parameters " + parameters);
                break;
            case YieldStatementSyntax:
                yield return (PortabilityRule.Yield, "yield");
                break;
            case TupleExpressionSyntax or TupleTypeSyntax:
                yield return (PortabilityRule.Tuple, node.ToString());
                break;
            case QueryExpressionSyntax:
                yield return (PortabilityRule.Linq, "query expression");
                break;
            case AwaitExpressionSyntax:
                yield return (PortabilityRule.Async, "await");
                break;
            case MethodDeclarationSyntax method when method.Modifiers.Any(SyntaxKind.AsyncKeyword):
                yield return (PortabilityRule.Async, "async method " + method.Identifier.Text);
                break;
            case NullableTypeSyntax nullable when model.GetTypeInfo(nullable).Type?.IsValueType == true:
                yield return (PortabilityRule.NullableValueType, nullable.ToString());
                break;
            case IdentifierNameSyntax or GenericNameSyntax or PredefinedTypeSyntax:
                foreach (var finding in InspectSymbol(node, model))
                {
                    yield return finding;
                }

                break;
        }
    }

    /// <summary>The rules an adapter file needs beyond <see cref="Inspect"/>, because its names may not bind.</summary>
    private static IEnumerable<(PortabilityRule, string)> InspectAdapter(SyntaxNode node, SemanticModel model)
    {
        switch (node)
        {
            case UsingDirectiveSyntax { Name: { } name }:
                foreach ((string forbidden, PortabilityRule rule) in ForbiddenImports)
                {
                    if (name.ToString() == forbidden)
                    {
                        yield return (rule, "using " + forbidden);
                    }
                }

                break;
            case GenericNameSyntax generic when model.GetSymbolInfo(generic).Symbol == null:
                yield return (PortabilityRule.Generics, generic.ToString());
                break;
        }
    }

    private static IEnumerable<(PortabilityRule, string)> InspectSymbol(SyntaxNode node, SemanticModel model)
    {
        ISymbol? symbol = model.GetSymbolInfo(node).Symbol;
        ITypeSymbol? type = model.GetTypeInfo(node).Type;
        if (type?.TypeKind == TypeKind.Dynamic)
        {
            yield return (PortabilityRule.Dynamic, "dynamic");
        }

        if (symbol is IMethodSymbol method)
        {
            string owner = method.ContainingType.ToDisplayString();
            if (method.IsGenericMethod)
            {
                yield return (PortabilityRule.Generics, "generic method " + method.Name);
            }

            if (method.ContainingNamespace?.ToDisplayString() == "System.Linq")
            {
                yield return (PortabilityRule.Linq, owner + "." + method.Name);
            }
            else if (owner == "string" && method.Name == "Join")
            {
                yield return (PortabilityRule.StringJoin, "string.Join");
            }
            else if (owner == "System.Array" && method.Name == "Empty")
            {
                yield return (PortabilityRule.ArrayEmpty, "Array.Empty");
            }

            foreach (var finding in InspectType(method.ContainingType))
            {
                yield return finding;
            }
        }
        else if (symbol is ITypeSymbol named)
        {
            foreach (var finding in InspectType(named))
            {
                yield return finding;
            }
        }
        else if (symbol is IPropertySymbol or IFieldSymbol)
        {
            foreach (var finding in InspectType(symbol.ContainingType))
            {
                yield return finding;
            }
        }
    }

    private static IEnumerable<(PortabilityRule, string)> InspectType(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named)
        {
            yield break;
        }

        string metadataName = named.OriginalDefinition.ContainingNamespace + "." + named.OriginalDefinition.MetadataName;
        foreach ((string forbidden, PortabilityRule rule) in ForbiddenTypes)
        {
            if (metadataName == forbidden)
            {
                yield return (rule, named.ToDisplayString());
                yield break;
            }
        }

        if (named.IsTupleType)
        {
            yield return (PortabilityRule.Tuple, named.ToDisplayString());
        }
        else if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            yield return (PortabilityRule.NullableValueType, named.ToDisplayString());
        }
        else if (named.IsGenericType)
        {
            yield return (PortabilityRule.Generics, named.ToDisplayString());
        }
    }

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray());
}
