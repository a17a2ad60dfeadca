package io.ssfkit.testkit;

import io.ssfkit.delivery.DeadLetterStore;

class InMemoryDeadLetterStoreContractTest extends DeadLetterStoreContract {

  @Override
  protected DeadLetterStore newStore() {
    return InMemoryDeadLetterStore.create();
  }
}
