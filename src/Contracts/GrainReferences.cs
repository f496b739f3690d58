using System.Runtime.CompilerServices;

namespace CodexRelay.Contracts;

/// <summary>
/// References to string-keyed grains without Orleans' reflection on every call: <c>IGrainFactory.GetGrain&lt;T&gt;(key)</c>
/// resolves <typeparamref name="T"/>'s grain interface type from its attributes each time it is called (3.4 % of a
/// stored small request's CPU, docs/performance.md). The interface and grain types are resolved once per factory and
/// interface, from a first reference made the usual way; the references are the ones Orleans would make.
/// </summary>
public static class GrainReferences
{
    public static T Reference<T>(this IGrainFactory grains, string key)
        where T : IGrainWithStringKey
    {
        var (grainType, interfaceType) = Types<T>.Of(grains);
        return (T)grains.GetGrain(GrainId.Create(grainType, key), interfaceType);
    }

    /// <summary>The id a grain of <typeparamref name="T"/> has under <paramref name="key"/>, without making its reference.</summary>
    public static GrainId Id<T>(this IGrainFactory grains, string key)
        where T : IGrainWithStringKey =>
        GrainId.Create(Types<T>.Of(grains).Grain, key);

    private static class Types<T>
        where T : IGrainWithStringKey
    {
        private static readonly ConditionalWeakTable<IGrainFactory, StrongBox<(GrainType, GrainInterfaceType)>> ByFactory = [];

        public static (GrainType Grain, GrainInterfaceType Interface) Of(IGrainFactory grains) =>
            ByFactory.GetValue(grains, static factory =>
            {
                var sample = (GrainReference)(object)factory.GetGrain<T>("_");
                return new StrongBox<(GrainType, GrainInterfaceType)>((sample.GrainId.Type, sample.InterfaceType));
            }).Value;
    }
}
