package io.ssfkit.examples;

import java.util.List;

/**
 * The same conformance-parity suite against the same transmitter mounted on Javalin (issue 6: a
 * framework-neutral core is proven neutral only once a second, different framework serves it).
 */
class JavalinConformanceTest extends ReferenceTransmitterConformanceTest {

  @Override
  List<String> hostOptions() {
    return List.of("--server", "javalin");
  }
}
