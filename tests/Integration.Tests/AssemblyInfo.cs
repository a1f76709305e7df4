// Every test here starts real processes (silos, Gateways, Chromium). Run them one at a time: on a 2-core machine,
// parallel classes would starve the silos' heartbeats and leases, which is not what these tests are about.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
