using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Runtime.Persistence;
using OrleansPlatform.Runtime.Storage;

namespace OrleansPlatform.Runtime.Catalog;

/// <summary>
/// How to construct one grain class: worked out once per class at start-up (constructor choice, which parameters are
/// persistent state), applied per activation. Reflection is confined to start-up and activation; calls never use it.
/// </summary>
internal sealed class GrainFactoryPlan
{
    private readonly ConstructorInfo _constructor;
    private readonly Func<IGrainContext, IServiceProvider, object>[] _arguments;

    private GrainFactoryPlan(ConstructorInfo constructor, Func<IGrainContext, IServiceProvider, object>[] arguments)
    {
        _constructor = constructor;
        _arguments = arguments;
    }

    public static GrainFactoryPlan Create(Type grainClass)
    {
        if (!typeof(Grain).IsAssignableFrom(grainClass) || grainClass.IsAbstract || grainClass.IsGenericTypeDefinition)
        {
            throw new InvalidOperationException($"{grainClass.FullName} is not a concrete class deriving from Grain.");
        }

        var constructor = grainClass.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {grainClass.FullName} has no public constructor.");
        var arguments = constructor.GetParameters().Select(p => CreateArgumentFactory(grainClass, p)).ToArray();
        return new GrainFactoryPlan(constructor, arguments);
    }

    /// <summary>Constructs the grain; returns it with the states to load before activation.</summary>
    public (Grain Grain, IReadOnlyList<IActivationStateLoader> States) Construct(IGrainContext context, IServiceProvider services)
    {
        var args = new object[_arguments.Length];
        List<IActivationStateLoader>? states = null;
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = _arguments[i](context, services);
            if (args[i] is IActivationStateLoader loader)
            {
                (states ??= []).Add(loader);
            }
        }

        var grain = GrainConstructionScope.Construct(context, () => (Grain)_constructor.Invoke(args));
        return (grain, (IReadOnlyList<IActivationStateLoader>?)states ?? []);
    }

    private static Func<IGrainContext, IServiceProvider, object> CreateArgumentFactory(Type grainClass, ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (parameter.GetCustomAttribute<PersistentStateAttribute>() is { } stateAttribute)
        {
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException(
                    $"Parameter '{parameter.Name}' of {grainClass.Name} has [PersistentState] but is not IPersistentState<T>.");
            }

            var stateType = type.GetGenericArguments()[0];
            var concrete = typeof(PersistentState<>).MakeGenericType(stateType);
            var (stateName, storageName) = (stateAttribute.StateName, stateAttribute.StorageName);
            return (context, services) =>
            {
                var storage = services.GetKeyedService<IGrainStorage>(storageName)
                    ?? throw new InvalidOperationException(
                        $"Grain {context.GrainId} needs grain storage '{storageName}' for state '{stateName}', but no storage of that name is registered.");
                return Activator.CreateInstance(concrete, storage, stateName, context.GrainId)!;
            };
        }

        if (type == typeof(IGrainContext))
        {
            return (context, _) => context;
        }

        if (type == typeof(IGrainFactory))
        {
            return (context, _) => context.GrainFactory;
        }

        return (_, services) => services.GetService(type)
            ?? throw new InvalidOperationException($"Cannot construct {grainClass.Name}: no service of type {type.FullName} for parameter '{parameter.Name}'.");
    }
}
