using CodexRelay.Grains.History;
using Microsoft.Extensions.Configuration;

namespace CodexRelay.Grains.Hosting;

/// <summary>Chooses the grain storage behind the ResponseHistory (<c>CODEX_RELAY_HISTORY_STORE</c>).</summary>
public static class HistoryStorageSetup
{
    public static ISiloBuilder AddHistoryStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        var store = (configuration["CodexRelay:History:Store"] ?? "memory").Trim().ToLowerInvariant();
        switch (store)
        {
            case "memory":
                silo.AddMemoryGrainStorage(HistoryStorage.Name);
                break;
            default:
                throw new InvalidOperationException($"Unknown history store '{store}'. Use memory.");
        }

        return silo;
    }
}
