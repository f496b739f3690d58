using System.Reflection;
using System.Reflection.Emit;

namespace CodexRelay.Tests.Architecture;

/// <summary>
/// The types a type uses: its signatures (base, interfaces, fields, properties, methods, generic arguments) and
/// every type and member its method bodies name in IL (calls, allocations, field access, casts, tokens).
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static HashSet<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        Add(found, type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(found, i);
        }

        foreach (var field in type.GetFields(Everything))
        {
            Add(found, field.FieldType);
        }

        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
            {
                Add(found, info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(found, parameter.ParameterType);
            }

            ScanBody(found, method);
        }

        return found;
    }

    private static void ScanBody(HashSet<Type> found, MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return;
        }

        var module = method.Module;
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }

            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, position);
                    try
                    {
                        var member = module.ResolveMember(token, typeArguments, methodArguments);
                        switch (member)
                        {
                            case Type t:
                                Add(found, t);
                                break;
                            case MethodBase m:
                                Add(found, m.DeclaringType);
                                if (m.IsGenericMethod)
                                {
                                    foreach (var argument in m.GetGenericArguments())
                                    {
                                        Add(found, argument);
                                    }
                                }

                                break;
                            case FieldInfo f:
                                Add(found, f.DeclaringType);
                                Add(found, f.FieldType);
                                break;
                        }
                    }
                    catch (ArgumentException)
                    {
                        // A token in generic context the resolver cannot bind; its declaring type is scanned on its own.
                    }

                    position += 4;
                    break;
                default:
                    position += OperandSize(opCode, il, position);
                    break;
            }
        }
    }

    private static int OperandSize(OpCode opCode, byte[] il, int position) => opCode.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
        _ => 4,
    };

    private static void Add(HashSet<Type> found, Type? type)
    {
        while (type is not null && (type.HasElementType))
        {
            type = type.GetElementType();
        }

        if (type is null || !found.Add(type))
        {
            return;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Add(found, argument);
            }
        }
    }
}
