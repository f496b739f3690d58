// The end-to-end tests start real processes (Codex, relays, silos) on a 2-core machine; one at a time keeps
// their timing honest (failure detection, idle timeouts) without making the suite slow.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
