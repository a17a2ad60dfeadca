package io.ssfkit.testkit;

import io.ssfkit.spi.StreamStore;

class InMemoryStreamStoreContractTest extends StreamStoreContract {

  @Override
  protected StreamStore newStore() {
    return InMemoryStreamStore.create();
  }
}
