using System.Reflection;
using System.Reflection.Emit;

namespace BallotScan.Station.Tests;

/// <summary>
/// The house's layers point one way. In the Host: Text (language, words) and Counting (the count folder, its tables, the
/// archive, one read session) are used by Commands and Station and point at neither; Text points at nothing of the Host;
/// Commands and Station never reference each other (the composition root, <c>BallotScan.Host.CommandLine</c>, joins them).
/// The runtime Engine carries no laboratory: no generator, evaluation or fitting, and no reference to BallotScan.Lab.
/// Every reference is walked: base types, fields, signatures, attributes and every type or member a method body names.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly s_host = typeof(Host.Text.Cli).Assembly;
    private static readonly Assembly s_engine = typeof(Engine.Recognition.BallotReader).Assembly;

    /// <summary>The Host's layer of a namespace: Text, Counting, Commands, Station, or the root (null).</summary>
    private static string? Layer(string? ns) =>
        ns is null || !ns.StartsWith("BallotScan.Host.", StringComparison.Ordinal) ? null : ns["BallotScan.Host.".Length..].Split('.')[0];

    /// <summary>Which layers each layer must not reference.</summary>
    private static readonly Dictionary<string, string[]> s_forbidden = new(StringComparer.Ordinal)
    {
        ["Text"] = ["Counting", "Commands", "Station"],
        ["Counting"] = ["Commands", "Station"],
        ["Commands"] = ["Station"],
        ["Station"] = ["Commands"],
    };

    [Fact]
    public void HostLayersPointOneWay()
    {
        var breaches = new List<string>();
        foreach (var type in s_host.GetTypes())
        {
            if (Layer(type.Namespace) is not { } layer || !s_forbidden.TryGetValue(layer, out var forbidden))
            {
                continue;
            }

            foreach (var used in References(type).Where(t => t.Assembly == s_host).Distinct())
            {
                if (Layer(used.Namespace) is { } other && forbidden.Contains(other))
                {
                    breaches.Add($"{type.FullName} ({layer}) → {used.FullName} ({other})");
                }
            }
        }

        Assert.True(breaches.Count == 0, string.Join('\n', breaches.Distinct()));
    }

    [Fact]
    public void TheWalkFindsAReferenceInAMethodBody()
    {
        // The walk itself: a Command that builds the station's command line would be found (here, the composition root does).
        var root = s_host.GetType("BallotScan.Host.CommandLine", throwOnError: true)!;
        var used = References(root).Select(t => t.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("BallotScan.Host.Station.StationCommandLine", used);
        Assert.Contains("BallotScan.Host.Commands.CountCommand", used);
    }

    [Fact]
    public void TheEngineCarriesNoLaboratory()
    {
        Assert.DoesNotContain(s_engine.GetReferencedAssemblies(), a => a.Name == "BallotScan.Lab");
        var lab = s_engine.GetTypes().Where(t =>
            t.Namespace is { } ns && (ns.EndsWith(".Synthesis", StringComparison.Ordinal) || ns.EndsWith(".Evaluation", StringComparison.Ordinal))
            || t.Name is "ShapeNetFit" or "MarkClassifierFit" or "MarkCalibration" or "BallotSynthesizer" or "CorpusEvaluation").Select(t => t.FullName);
        Assert.Empty(lab);
        // The venue's program does not reference the lab either (the bundle publishes it alone).
        Assert.DoesNotContain(s_host.GetReferencedAssemblies(), a => a.Name == "BallotScan.Lab");
    }

    [Fact]
    public void TheStoreIsReachedOnlyThroughTheStationsTasks()
    {
        // Pages, the command line and the app reach the station's store only through its tasks (intake, reading, review …),
        // each owning its store access; CountingStation.Store is left to the tests.
        var store = typeof(Host.Station.CountingStation).GetProperty("Store", Everything)!.GetMethod!;
        var reaching = s_host.GetTypes()
            .Where(t => t.GetMethods(Everything).Cast<MethodBase>().Concat(t.GetConstructors(Everything)).Any(m => BodyReferences(m).Contains(store)))
            .Select(t => t.FullName).ToList();
        Assert.Empty(reaching);
    }

    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every type <paramref name="type"/> names: its base and interfaces, fields, properties, signatures, attributes and method bodies.</summary>
    private static IEnumerable<Type> References(Type type)
    {
        var found = new List<Type?> { type.BaseType };
        found.AddRange(type.GetInterfaces());
        found.AddRange(type.GetCustomAttributesData().Select(a => a.AttributeType));
        found.AddRange(type.GetFields(Everything).Select(f => f.FieldType));
        found.AddRange(type.GetProperties(Everything).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
            {
                found.Add(info.ReturnType);
            }

            found.AddRange(method.GetParameters().Select(p => p.ParameterType));
            found.AddRange(BodyReferences(method).Select(m => m as Type ?? m.DeclaringType));
        }

        return found.OfType<Type>().SelectMany(Unwrap);
    }

    /// <summary>A type and the types it is made of (arrays, generic arguments).</summary>
    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            return Unwrap(type.GetElementType()!);
        }

        return type.IsGenericType && !type.IsGenericTypeDefinition
            ? type.GetGenericArguments().SelectMany(Unwrap).Prepend(type.GetGenericTypeDefinition())
            : [type];
    }

    private static readonly Dictionary<short, OpCode> s_opCodes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The types and members a method's IL names (ldfld, call, newobj, ldtoken, castclass …).</summary>
    private static IEnumerable<MemberInfo> BodyReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var module = method.Module;
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var code = il[i] == 0xFE ? s_opCodes[(short)(0xFE00 | il[i + 1])] : s_opCodes[il[i]];
            i += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineTok or OperandType.InlineMethod or OperandType.InlineField:
                    var token = BitConverter.ToInt32(il, i);
                    MemberInfo? named = null;
                    try
                    {
                        named = module.ResolveMember(token, typeArguments, methodArguments);
                    }
                    catch (ArgumentException)
                    {
                        // A token of a generic context this walk does not reconstruct: its open form is resolved below.
                    }

                    if (named is not null)
                    {
                        yield return named;
                    }

                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.InlineNone:
                    break;
                default:
                    i += 4;
                    break;
            }
        }
    }
}
