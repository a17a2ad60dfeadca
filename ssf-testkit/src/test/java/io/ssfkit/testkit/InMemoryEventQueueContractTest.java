package io.ssfkit.testkit;

import io.ssfkit.delivery.EventQueue;

class InMemoryEventQueueContractTest extends EventQueueContract {

  @Override
  protected EventQueue newQueue() {
    return InMemoryEventQueue.create();
  }
}
