// worker_threads: juv-js runs one JavaScript thread, the main one. What a program asks of the
// module to find out where it runs is here (isMainThread, threadId 0, no parent port, no worker
// data, as in Node's main thread); starting a Worker fails with ERR_FEATURE_UNAVAILABLE_ON_PLATFORM.
'use strict';

class Worker {
  constructor() {
    throw internal.codeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM',
      'worker_threads.Worker is not available: juv-js runs one JavaScript thread');
  }
}

module.exports = {
  isMainThread: true,
  parentPort: null,
  resourceLimits: {},
  threadId: 0,
  workerData: null,
  SHARE_ENV: Symbol.for('nodejs.worker_threads.SHARE_ENV'),
  Worker,
};
