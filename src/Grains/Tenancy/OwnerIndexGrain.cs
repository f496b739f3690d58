using CodexRelay.Contracts.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace CodexRelay.Grains.Tenancy;

/// <summary>
/// The responses a tenant stored on one day, as <c>{owner} {responseId}</c>, for offboarding. Additions arrive one-way
/// from conversation grains. The index is paged so that its cost does not grow with the day: every
/// <see cref="PageSize"/> entries become a page written once, and only the open page (never more than a page) is
/// written behind, at most once a second, and kept in memory. A busy tenant's day is a million entries; written whole
/// every second it was tens of megabytes a second.
/// </summary>
[GrainType(OwnerIndexStorage.GrainType)]
internal sealed class OwnerIndexGrain(
    [PersistentState("owners", OwnerIndexStorage.Name)] IPersistentState<OwnerIndexState> state,
    [FromKeyedServices(OwnerIndexStorage.Name)] IGrainStorage storage) : Grain, IOwnerIndexGrain
{
    public const int PageSize = 1000;

    /// <summary>Pages found written already in a row before sealing gives up (each is one lost open-page write).</summary>
    private const int MaxTakenPages = 16;

    private WriteBehind<OwnerIndexState>? _writes;

    public async Task AddAsync(string owner, string responseId)
    {
        state.State.Entries.Add(owner + " " + responseId);
        if (state.State.Entries.Count >= PageSize)
        {
            await SealPageAsync();
        }

        (_writes ??= new WriteBehind<OwnerIndexState>(this, state)).MarkChanged();
    }

    public async Task<IReadOnlyList<string>> ListPageAsync(int page)
    {
        if (page < 0 || page > state.State.SealedPages)
        {
            return [];
        }

        if (page == state.State.SealedPages)
        {
            return [.. state.State.Entries];
        }

        var sealedPage = new GrainState<OwnerIndexPage>(new OwnerIndexPage());
        await storage.ReadStateAsync(PageName(page), this.GetGrainId(), sealedPage);
        return sealedPage.State?.Entries ?? [];
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _writes?.FlushPendingAsync(reason, cancellationToken) ?? Task.CompletedTask;

    /// <summary>
    /// Writes the open page as the next full page. A page that exists already under that number was written before a
    /// restart lost the open page's last write: it is kept and the next number taken (an entry listed twice is
    /// harmless to offboarding, one lost is not).
    /// </summary>
    private async Task SealPageAsync()
    {
        var page = new GrainState<OwnerIndexPage>(new OwnerIndexPage { Entries = state.State.Entries });
        for (var taken = 0; ; taken++)
        {
            try
            {
                await storage.WriteStateAsync(PageName(state.State.SealedPages), this.GetGrainId(), page);
                break;
            }
            catch (InconsistentStateException) when (taken < MaxTakenPages)
            {
                state.State.SealedPages++;
                page.ETag = null;
            }
        }

        state.State.SealedPages++;
        state.State.Entries = [];
    }

    private static string PageName(int page) => $"page-{page}";
}
