package io.ssfkit.examples;

/**
 * The same conformance-parity suite against the same transmitter mounted on Javalin (issue 6: a
 * framework-neutral core is proven neutral only once a second, different framework serves it).
 */
class JavalinConformanceTest extends ReferenceTransmitterConformanceTest {

  @Override
  String server() {
    return "javalin";
  }
}
