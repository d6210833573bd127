// juv-bench's start-up workload: the smallest program that shows a runtime is up.
console.log('ready');
