using CodexRelay.Contracts.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace CodexRelay.Grains.Tenancy;

/// <summary>One relay key (keyed by its SHA-256). The last-used time is persisted at most once a minute.</summary>
internal sealed class ApiKeyGrain(
    [PersistentState("key", TenancyStorage.Name)] IPersistentState<ApiKeyState> state, TimeProvider time) : Grain, IApiKeyGrain
{
    private static readonly TimeSpan TouchPersistInterval = TimeSpan.FromMinutes(1);
    private DateTimeOffset? _persistedTouch;

    public async Task CreateAsync(KeyDescriptor key)
    {
        if (state.State.Key is not null)
        {
            throw new InvalidOperationException("A key with this hash exists already.");
        }

        state.State.Key = key;
        await state.WriteStateAsync();
    }

    public Task<KeyStatus?> GetAsync() => Task.FromResult(state.State.Key is { } key
        ? new KeyStatus { Key = key, RevokedAt = state.State.RevokedAt, LastUsedAt = state.State.LastUsedAt }
        : null);

    public async Task TouchAsync()
    {
        if (state.State.Key is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        state.State.LastUsedAt = now;
        if (_persistedTouch is null || now - _persistedTouch >= TouchPersistInterval)
        {
            _persistedTouch = now;
            await state.WriteStateAsync();
        }
    }

    public async Task<bool> RevokeAsync()
    {
        if (state.State.Key is null || state.State.RevokedAt is not null)
        {
            return false;
        }

        state.State.RevokedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        return true;
    }
}
