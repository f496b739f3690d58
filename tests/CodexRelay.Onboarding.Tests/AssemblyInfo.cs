// The CLI runs and the tool packing share two cores: one at a time keeps their timeouts meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
