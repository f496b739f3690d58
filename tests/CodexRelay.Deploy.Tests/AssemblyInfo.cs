// The cluster test starts four .NET processes and a Redis on a 2-core machine; the other tests start
// gateways and kubectl. One at a time keeps failure-detection timing honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
